package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.chatbot.Actions;
import com.chatbotsaas.chatbot.chatbot.Chatbot;
import com.chatbotsaas.chatbot.chatbot.Chatbots;
import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.chatbotsaas.chatbot.conversation.MessageStore.Pending;
import com.chatbotsaas.chatbot.engine.Engine;
import com.chatbotsaas.chatbot.engine.EngineException;
import com.chatbotsaas.chatbot.engine.EngineReply;
import com.chatbotsaas.chatbot.engine.EngineRequest;
import com.chatbotsaas.chatbot.engine.Engines;
import com.chatbotsaas.chatbot.organization.OrganizationPlans;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.events.EventExtensions;
import com.chatbotsaas.platform.events.EventPublisher;
import com.chatbotsaas.platform.events.PlatformEvent;
import com.chatbotsaas.platform.web.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Produces replies. One attempt runs the chatbot's engine with a timeout; a failed attempt is retried after a back-off
 * (3 attempts by default); after the last one the fallback message is the reply and a failure event is emitted. The
 * reply is written — with its event — only if the user message has none yet, so redelivered work never duplicates it.
 */
@Service
public class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);
    private static final String SOURCE = "/chatbot-service";

    /** What the worker does with the delivery once an attempt is over. */
    enum Outcome {
        DONE,
        RETRY,
        DEAD_LETTER
    }

    private final MessageStore messages;
    private final Conversations conversations;
    private final Chatbots chatbots;
    private final Engines engines;
    private final ReplyQueue queue;
    private final ReplyStreams streams;
    private final OrganizationPlans plans;
    private final EventPublisher events;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final ChatbotProperties properties;
    private final ExecutorService engineThreads = Executors.newVirtualThreadPerTaskExecutor();

    Replies(
            MessageStore messages,
            Conversations conversations,
            Chatbots chatbots,
            Engines engines,
            ReplyQueue queue,
            ReplyStreams streams,
            OrganizationPlans plans,
            EventPublisher events,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            ChatbotProperties properties) {
        this.messages = messages;
        this.conversations = conversations;
        this.chatbots = chatbots;
        this.engines = engines;
        this.queue = queue;
        this.streams = streams;
        this.plans = plans;
        this.events = events;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Handles one delivery of reply work. */
    Outcome process(ReplyQueue.Work work) {
        Optional<Pending> found = messages.pending(work.messageId(), work.createdAt());
        if (found.isEmpty() || !found.get().status().equals("queued")) {
            return Outcome.DONE;
        }
        Pending message = found.get();
        if (message.requestId() != null) {
            MDC.put("request_id", message.requestId());
        }
        try {
            Chatbot bot = chatbots.findAny(message.chatbotId()).orElse(null);
            if (bot == null
                    || bot.archived()
                    || plans.of(message.organizationId()).archived()) {
                messages.skip(message, "cancelled");
                return Outcome.DONE;
            }
            Conversations.Conversation conversation =
                    conversations.findAny(message.conversationId()).orElse(null);
            if (conversation == null || conversation.status() != ConversationStatus.OPEN) {
                messages.skip(message, "handoff");
                return Outcome.DONE;
            }
            int attempt = work.attempt();
            try {
                EngineReply reply = attempt(bot, message);
                complete(message, reply.content(), reply.fallback(), attempt, null);
                return Outcome.DONE;
            } catch (EngineException e) {
                log.warn("Reply attempt {} for message {} failed: {}", attempt, message.id(), e.getMessage());
                if (attempt < properties.replies().maxAttempts()) {
                    Duration backoff = properties.replies().backoff().multipliedBy(1L << (attempt - 1));
                    queue.retryLater(
                            new ReplyQueue.Work(message.id(), message.createdAt(), attempt + 1),
                            plans.priority(message.organizationId()),
                            backoff);
                    return Outcome.RETRY;
                }
                complete(message, bot.fallbackMessage(), true, attempt, e.code());
                return Outcome.DEAD_LETTER;
            }
        } finally {
            MDC.remove("request_id");
        }
    }

    /**
     * The work's deliveries kept failing (not the engine: the processing itself): the fallback message is stored as
     * the reply, with a failure event, so that the conversation is answered like after a failed last attempt.
     *
     * @return whether the message now has a reply (false when it cannot be written either; then the message stays
     *     queued and the redelivery sweep publishes its work again later)
     */
    boolean giveUp(ReplyQueue.Work work) {
        try {
            Optional<Pending> found = messages.pending(work.messageId(), work.createdAt());
            if (found.isEmpty() || !found.get().status().equals("queued")) {
                return true;
            }
            Pending message = found.get();
            String fallback = chatbots.fallbackMessage(message.chatbotId()).orElse(null);
            if (fallback == null) {
                messages.skip(message, "cancelled");
                return true;
            }
            complete(message, fallback, true, work.attempt(), ErrorCode.INTERNAL_ERROR);
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "Could not store the fallback reply of message {}; the sweep publishes it again", work.messageId());
            return false;
        }
    }

    private EngineReply attempt(Chatbot bot, Pending message) throws EngineException {
        Engine engine = engines.of(bot.engineType());
        List<EngineRequest.Turn> history = !engine.usesHistory()
                ? List.of()
                : messages
                        .history(
                                message.conversationId(),
                                message.createdAt(),
                                properties.engines().historySize())
                        .stream()
                        .map(m -> new EngineRequest.Turn(m.role(), m.content()))
                        .toList();
        EngineRequest request =
                new EngineRequest(bot, message.conversationId(), message.id(), message.content(), history);
        Future<EngineReply> future = engineThreads.submit(
                () -> engine.reply(request, delta -> streams.delta(message.conversationId(), message.id(), delta)));
        try {
            return future.get(properties.engines().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new EngineException(ErrorCode.UPSTREAM_TIMEOUT, "The engine did not answer in time", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EngineException failure) {
                throw failure;
            }
            throw new EngineException(ErrorCode.UPSTREAM_ERROR, "The engine failed", e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new EngineException(ErrorCode.UPSTREAM_ERROR, "Interrupted", e);
        }
    }

    /**
     * Writes the reply and its event once; a second call for the same message (redelivered work) changes nothing.
     *
     * @param failure null for a reply the engine produced; the error of the last attempt for the fallback reply
     */
    private void complete(
            Pending message, String content, boolean fallback, int attempts, @Nullable ErrorCode failure) {
        UUID replyId = Uuids.v7();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String status = failure == null ? "completed" : "failed";
        Boolean written = transactions.execute(tx -> {
            if (!messages.claimReply(message, replyId, failure == null ? "answered" : "failed", attempts)) {
                return false;
            }
            messages.insertReply(message, replyId, content, status, fallback || failure != null, at);
            events.publish(replyEvent(message, replyId, attempts, fallback || failure != null, failure));
            return true;
        });
        if (Boolean.TRUE.equals(written)) {
            streams.completed(new MessageView(
                    replyId,
                    message.conversationId(),
                    "assistant",
                    content,
                    status,
                    message.id(),
                    null,
                    fallback || failure != null,
                    at));
        }
    }

    private static PlatformEvent replyEvent(
            Pending message, UUID replyId, int attempts, boolean fallback, @Nullable ErrorCode failure) {
        EventExtensions extensions = EventExtensions.system()
                .organization(message.organizationId())
                .requestId(message.requestId())
                .status(failure == null ? 200 : failure.status().value())
                .errorCode(failure == null ? null : failure.name());
        ReplyData data = new ReplyData(
                "message", replyId, message.id(), message.conversationId(), message.chatbotId(), attempts, fallback);
        return PlatformEvent.of(
                Actions.CONVERSATION_MESSAGE_REPLY, failure == null ? "success" : "failure", SOURCE, extensions, data);
    }

    /** The data of the {@code conversation.message.reply} event: the reply written and the message it answers. */
    record ReplyData(
            String resourceType,
            UUID resourceId,
            UUID replyTo,
            UUID conversationId,
            UUID chatbotId,
            int attempts,
            boolean fallback) {}

    /** The organization was deleted: its waiting messages will not be answered. */
    public void cancelOrganization(UUID organizationId) {
        messages.cancelQueued("organization_id", organizationId);
    }

    /** Publishes again the work of queued messages whose publish may have been lost (broker down at the time). */
    @Scheduled(fixedDelayString = "${chatbot.replies.sweep-interval:5s}", initialDelayString = "5s")
    void redeliverLost() {
        try {
            List<Pending> due = transactions.execute(tx -> messages.dueForRedelivery(
                    100, Instant.now().plus(properties.replies().redeliverAfter())));
            for (Pending message : due == null ? List.<Pending>of() : due) {
                log.info("Publishing the reply work of message {} again", message.id());
                queue.publish(
                        new ReplyQueue.Work(message.id(), message.createdAt(), 1),
                        plans.priority(message.organizationId()));
            }
        } catch (RuntimeException e) {
            log.warn("Redelivery sweep failed; next sweep retries", e);
        }
    }

    /** Monthly message partitions exist three months ahead. */
    @Scheduled(fixedDelayString = "${chatbot.partitions.check-interval:6h}", initialDelay = 0)
    void createPartitionsAhead() {
        try {
            jdbc.sql("select ensure_message_partitions(3)").query().singleValue();
        } catch (RuntimeException e) {
            log.error("Could not create message partitions ahead", e);
        }
    }
}
