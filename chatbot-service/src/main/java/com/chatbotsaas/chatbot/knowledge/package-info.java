/** Knowledge of a chatbot: FAQ pairs and documents, chunked and indexed with PostgreSQL full-text search. */
@NullMarked
package com.chatbotsaas.chatbot.knowledge;

import org.jspecify.annotations.NullMarked;
