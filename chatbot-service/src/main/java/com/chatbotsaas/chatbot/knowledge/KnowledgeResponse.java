package com.chatbotsaas.chatbot.knowledge;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

record KnowledgeResponse(
        UUID id,
        UUID chatbotId,
        String type,
        @Nullable String question,
        @Nullable String answer,
        @Nullable String title,
        @Nullable String content,
        int chunks,
        Instant createdAt) {}
