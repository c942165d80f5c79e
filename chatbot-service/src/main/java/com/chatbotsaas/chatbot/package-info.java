/** Chatbots: bots, knowledge, conversations and queued replies. */
@NullMarked
package com.chatbotsaas.chatbot;

import org.jspecify.annotations.NullMarked;
