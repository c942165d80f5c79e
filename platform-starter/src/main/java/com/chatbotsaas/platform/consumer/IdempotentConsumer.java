package com.chatbotsaas.platform.consumer;

import com.chatbotsaas.platform.events.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a consumer's work for an event at most once: the event id is recorded in {@code processed_event} in the same
 * transaction as the work, so a redelivered event is acknowledged without being handled again. The listener returns
 * (and the broker message is acknowledged) only after that transaction committed.
 */
public class IdempotentConsumer {

    private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public IdempotentConsumer(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * @param consumer a stable name for the handler (one service may have several)
     * @return whether the work ran (false for a duplicate)
     */
    public boolean handle(String consumer, ReceivedEvent event, Runnable work) {
        String requestId = event.attribute("requestid");
        if (requestId != null) {
            MDC.put("request_id", requestId);
        }
        try {
            Boolean ran = transactions.execute(status -> {
                int inserted = jdbc.sql(
                                "insert into processed_event (consumer, event_id) values (?, ?) on conflict do nothing")
                        .params(consumer, event.id())
                        .update();
                if (inserted == 0) {
                    return false;
                }
                work.run();
                return true;
            });
            if (!Boolean.TRUE.equals(ran)) {
                log.debug("Event {} already handled by {}", event.id(), consumer);
            }
            return Boolean.TRUE.equals(ran);
        } finally {
            MDC.remove("request_id");
        }
    }
}
