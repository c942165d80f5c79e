/** Events this service consumes from others and from itself. */
@NullMarked
package com.chatbotsaas.chatbot.messaging;

import org.jspecify.annotations.NullMarked;
