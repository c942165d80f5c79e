/** Conversations and messages: queued replies, workers, streaming and quotas. */
@NullMarked
package com.chatbotsaas.chatbot.conversation;

import org.jspecify.annotations.NullMarked;
