package com.chatbotsaas.chatbot.knowledge;

import com.chatbotsaas.platform.web.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A FAQ pair ({@code question}, {@code answer}) or a text document ({@code title}, {@code content}). */
record KnowledgeRequest(
        @NotBlank @Pattern(regexp = "faq|document", message = "must be faq or document")
        String type,

        @Nullable @Size(max = 2000) String question,
        @Nullable @Size(max = 10000) String answer,
        @Nullable @Size(max = 500) @SingleLine String title,
        @Nullable @Size(max = 500000) String content) {}
