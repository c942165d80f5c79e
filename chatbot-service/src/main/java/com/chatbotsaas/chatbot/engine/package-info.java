/** Engines that produce replies: the built-in knowledge engine and remote OpenAI-compatible and n8n engines. */
@NullMarked
package com.chatbotsaas.chatbot.engine;

import org.jspecify.annotations.NullMarked;
