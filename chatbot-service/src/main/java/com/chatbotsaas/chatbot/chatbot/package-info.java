/** Chatbots of an organization: settings, lifecycle, engine configuration and the widget key. */
@NullMarked
package com.chatbotsaas.chatbot.chatbot;

import org.jspecify.annotations.NullMarked;
