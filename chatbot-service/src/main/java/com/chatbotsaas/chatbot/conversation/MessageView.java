package com.chatbotsaas.chatbot.conversation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message as clients see it. User messages are {@code queued} until answered ({@code answered}), answered with the
 * fallback after the engine failed ({@code failed}), or not answered because a human took over ({@code handoff}) or
 * the chatbot was archived ({@code cancelled}); replies are {@code completed} or {@code failed} (fallback).
 */
public record MessageView(
        UUID id,
        UUID conversationId,
        String role,
        String content,
        String status,
        @Nullable UUID replyTo,
        @Nullable UUID replyId,
        boolean fallback,
        Instant createdAt) {}
