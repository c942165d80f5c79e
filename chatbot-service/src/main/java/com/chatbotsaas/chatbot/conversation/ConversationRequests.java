package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.platform.web.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Request bodies of the conversation routes. */
public final class ConversationRequests {

    private ConversationRequests() {}

    public record CreateConversationRequest(
            @Nullable @Size(max = 255) @SingleLine String externalUserId,
            @Nullable Map<String, Object> metadata) {}

    record UpdateConversationRequest(
            @NotNull @Pattern(regexp = "open|handoff|closed", message = "must be open, handoff or closed")
            String status) {}

    public record SendMessageRequest(
            @NotBlank @Size(max = 8000) String content) {}

    record FeedbackRequest(
            @NotNull @Pattern(regexp = "up|down", message = "must be up or down")
            String rating,

            @Nullable @Size(max = 2000) String comment) {}
}
