package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.chatbot.chatbot.Chatbot;
import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.chatbotsaas.chatbot.organization.OrganizationPlans;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sending and reading messages. Sending stores the user message, counts it against the monthly quota and, once that
 * is committed, puts its reply work on the priority queue (if that publish is lost, the redelivery sweep publishes
 * it again).
 */
@Service
public class Messages {

    private static final Logger log = LoggerFactory.getLogger(Messages.class);
    static final int MAX_WAIT_SECONDS = 30;

    private final MessageStore store;
    private final Quotas quotas;
    private final ReplyQueue queue;
    private final ReplyStreams streams;
    private final OrganizationPlans plans;
    private final ChatbotProperties properties;
    private final MeterRegistry meters;

    Messages(
            MessageStore store,
            Quotas quotas,
            ReplyQueue queue,
            ReplyStreams streams,
            OrganizationPlans plans,
            ChatbotProperties properties,
            MeterRegistry meters) {
        this.store = store;
        this.quotas = quotas;
        this.queue = queue;
        this.streams = streams;
        this.plans = plans;
        this.properties = properties;
        this.meters = meters;
    }

    /** A message sent, with its reply when the caller waited for it and it came in time. */
    public record Sent(MessageView message, @Nullable MessageView reply) {

        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", message);
            if (reply != null) {
                body.put("reply", reply);
            }
            return body;
        }
    }

    /**
     * Stores the message (inside the caller's transaction) and enqueues its reply work after commit.
     *
     * @param plan the organization's plan: quota and priority
     */
    @Transactional
    public MessageView send(
            Chatbot bot, Conversations.Conversation conversation, String content, OrganizationPlans.Plan plan) {
        if (bot.archived()) {
            throw ApiException.conflict("The chatbot is archived");
        }
        if (conversation.status() == ConversationStatus.CLOSED) {
            throw ApiException.conflict("The conversation is closed");
        }
        if (plan.archived()) {
            throw ApiException.notFound("Organization");
        }
        UUID id = Uuids.v7();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // Messages sent while a human has the conversation are stored for them, and not answered by the bot.
        String status = conversation.status() == ConversationStatus.HANDOFF ? "handoff" : "queued";
        store.insertUser(
                id,
                bot.organizationId(),
                bot.id(),
                conversation.id(),
                content,
                status,
                RequestIds.current(),
                now,
                now.plus(properties.replies().redeliverAfter()));
        // Counted last: the organization's usage row stays locked until the commit, and every other message of the
        // organization waits for it. A spent quota rolls the insert above back.
        quotas.consume(bot.organizationId(), plan.monthlyMessages());
        AuditContext.current()
                .resourceId(id)
                .organizationId(bot.organizationId())
                .data("conversation_id", conversation.id())
                .data("chatbot_id", bot.id())
                .data("length", content.length());
        MessageView message = new MessageView(id, conversation.id(), "user", content, status, null, null, false, now);
        int priority = properties.priorityOf(plan.plan());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                streams.created(message);
                if (status.equals("queued")) {
                    enqueue(message, priority);
                }
            }
        });
        return message;
    }

    /** Publishes the reply work; when the broker does not confirm, the sweep publishes it again (soon, if it can). */
    void enqueue(MessageView message, int priority) {
        try {
            queue.publish(new ReplyQueue.Work(message.id(), message.createdAt(), 1), priority);
        } catch (RuntimeException e) {
            try {
                store.redeliverSoon(
                        message.id(), message.createdAt(), Instant.now().plusSeconds(5));
                log.warn(
                        "Reply work of message {} (request {}) not confirmed; the sweep publishes it again",
                        message.id(),
                        RequestIds.current(),
                        e);
                publishFailed("not_confirmed");
            } catch (RuntimeException reschedule) {
                // The message keeps its original redelivery time: answered only after redeliver-after.
                reschedule.addSuppressed(e);
                log.error(
                        "Reply work of message {} (request {}) not confirmed, and its redelivery not brought forward;"
                                + " the sweep publishes it after {}",
                        message.id(),
                        RequestIds.current(),
                        properties.replies().redeliverAfter(),
                        reschedule);
                publishFailed("not_rescheduled");
            }
        }
    }

    private void publishFailed(String reason) {
        Counter.builder("chatbot.replies.publish.failed")
                .description("Reply work the broker did not confirm, left to the redelivery sweep")
                .tag("reason", reason)
                .register(meters)
                .increment();
    }

    /**
     * Waits for the reply up to {@code seconds}: woken by the reply's stream event, and checking the database every
     * second in case that event was missed.
     */
    @Nullable
    MessageView awaitReply(MessageView message, int seconds) {
        CompletableFuture<MessageView> future = streams.awaitReply(message.id());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(seconds, MAX_WAIT_SECONDS));
        try {
            // Written before its event is published: a reply that came before we listened is found here.
            MessageView early = store.replyTo(message.conversationId(), message.id(), message.createdAt())
                    .orElse(null);
            if (early != null) {
                return early;
            }
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return store.replyTo(message.conversationId(), message.id(), message.createdAt())
                            .orElse(null);
                }
                try {
                    return future.get(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    MessageView stored = store.replyTo(message.conversationId(), message.id(), message.createdAt())
                            .orElse(null);
                    if (stored != null) {
                        return stored;
                    }
                } catch (ExecutionException e) {
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        } finally {
            streams.stopWaiting(message.id());
        }
    }

    /** A page of the conversation's messages after the cursor, oldest first. */
    @Transactional(readOnly = true)
    public Map.Entry<List<MessageView>, Map<String, Object>> page(
            UUID conversationId, @Nullable String cursor, int perPage) {
        Instant at = null;
        UUID after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                at = Instant.parse(parts[0]);
                after = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ApiException.invalid("cursor", "is not a cursor this API returned");
            }
        }
        List<MessageView> items = store.after(conversationId, at, after, perPage);
        Map<String, Object> meta = new LinkedHashMap<>();
        // Always the position after the last message returned, so a client polls for newer messages with it.
        String next = cursor;
        if (!items.isEmpty()) {
            MessageView last = items.getLast();
            next = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        meta.put("next_cursor", next);
        meta.put("has_more", items.size() == perPage);
        meta.put("per_page", perPage);
        return Map.entry(items, meta);
    }

    @Transactional(readOnly = true)
    MessageView require(UUID conversationId, UUID messageId) {
        return store.find(conversationId, messageId).orElseThrow(() -> ApiException.notFound("Message"));
    }

    /**
     * Parses {@code Prefer: wait=N} (N seconds, at most 30); 0 when absent. As RFC 7240 reads it: preferences are
     * separated by commas, their parameters by semicolons, the name is case-insensitive, spaces may surround {@code =}
     * and the value may be quoted. A wait that is not a whole number of seconds is ignored, as the RFC asks of a
     * preference not understood, but logged and counted in {@code chatbot.preferences.ignored{reason}}, so a client
     * sending it can be found.
     */
    public int preferredWait(@Nullable String prefer) {
        if (prefer == null) {
            return 0;
        }
        for (String preference : prefer.split(",")) {
            String nameAndValue = preference.split(";", 2)[0];
            int equals = nameAndValue.indexOf('=');
            String name = (equals < 0 ? nameAndValue : nameAndValue.substring(0, equals)).trim();
            if (!name.equalsIgnoreCase("wait")) {
                continue;
            }
            String value = equals < 0
                    ? ""
                    : unquoted(nameAndValue.substring(equals + 1).trim());
            try {
                int seconds = Integer.parseInt(value);
                if (seconds >= 0) {
                    return Math.min(seconds, MAX_WAIT_SECONDS);
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            log.info(
                    "Ignored the preference wait={} of request {}: not a number of seconds",
                    value.length() > 20 ? value.substring(0, 20) + "…" : value,
                    RequestIds.current());
            Counter.builder("chatbot.preferences.ignored")
                    .description("Prefer header values not understood, and ignored")
                    .tag("reason", "invalid_wait")
                    .register(meters)
                    .increment();
            return 0;
        }
        return 0;
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
