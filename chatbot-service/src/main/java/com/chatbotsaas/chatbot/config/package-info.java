/** chatbot-service configuration: its settings record and infrastructure beans. */
@NullMarked
package com.chatbotsaas.chatbot.config;

import org.jspecify.annotations.NullMarked;
