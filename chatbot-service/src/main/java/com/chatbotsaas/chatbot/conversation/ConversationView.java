package com.chatbotsaas.chatbot.conversation;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record ConversationView(
        UUID id,
        UUID chatbotId,
        String status,
        String channel,
        @Nullable String externalUserId,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastMessageAt) {}
