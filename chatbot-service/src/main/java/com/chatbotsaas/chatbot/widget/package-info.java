/** The public widget API: a chatbot's public key and a conversation token instead of a user's token. */
@NullMarked
package com.chatbotsaas.chatbot.widget;

import org.jspecify.annotations.NullMarked;
