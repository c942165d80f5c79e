package com.chatbotsaas.notification.messaging;

import static com.chatbotsaas.notification.support.Events.data;
import static com.chatbotsaas.notification.support.Events.event;
import static com.chatbotsaas.notification.support.Events.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.notification.support.Events;
import com.chatbotsaas.notification.support.NotificationIntegrationTest;
import com.chatbotsaas.notification.support.OwnQueue;
import com.chatbotsaas.notification.support.TestMail;
import com.chatbotsaas.platform.test.events.EventProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events the handlers cannot act on are not acknowledged as if handled: each is dead-lettered at once, counted by
 * reason, and the events after it are handled as usual.
 */
class RejectedEventsIT extends NotificationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;

    @Test
    void aRegistrationWithoutEmailIsDeadLetteredAndCountedAndTheNextOneIsWelcomed() {
        double before = rejected("missing_field");
        ObjectNode broken = event("auth.register.success");
        data(broken).remove("email");
        publish(broken);

        String email = "next-" + UUID.randomUUID() + "@example.com";
        ObjectNode next = event("auth.register.success");
        String userId = UUID.randomUUID().toString();
        next.put("actorid", userId);
        data(next).put("resource_id", userId).put("email", email).put("name", "Next");
        publish(next);

        await().atMost(WAIT).until(() -> OwnQueue.deadLettered(broken.path("id").asString()));
        await().atMost(WAIT).until(() -> rejected("missing_field") - before >= 1);
        await().atMost(WAIT).until(() -> !TestMail.to(email).isEmpty());
        assertThat(OwnQueue.deadLettered(next.path("id").asString())).isFalse();
    }

    @Test
    void aMembershipWithoutRoleIsDeadLetteredNotSkipped() {
        ObjectNode broken = event("org.create.success");
        broken.put("type", "com.chatbotsaas.member.add");
        broken.put("orgid", UUID.randomUUID().toString());
        data(broken).removeAll();
        data(broken)
                .put("resource_type", "membership")
                .put("resource_id", UUID.randomUUID().toString());
        publish(broken);

        await().atMost(WAIT).until(() -> OwnQueue.deadLettered(broken.path("id").asString()));
    }

    @Test
    void aPasswordChangeForAnIdThatIsNotAUuidIsDeadLetteredAtOnceAndCounted() {
        double before = rejected("invalid_id");
        ObjectNode broken = event("auth.password.change.success");
        broken.put("actorid", "not-a-uuid");
        data(broken).put("resource_id", "not-a-uuid");
        // Past the contract on purpose: a producer's bug, as this service would receive it.
        EventProbe.publish("auth.password.change.success", Events.json(broken));

        await().atMost(WAIT).until(() -> OwnQueue.deadLettered(broken.path("id").asString()));
        // Dead-lettered without the listener's retries: counted once.
        assertThat(rejected("invalid_id") - before).isEqualTo(1);
    }

    @Test
    void anEventWhoseOrganizationIdIsNotAUuidIsDeadLetteredBeforeAnyHandlerRuns() {
        double before = rejected("invalid_id");
        ObjectNode broken = event("org.create.success");
        broken.put("orgid", "acme");
        // Past the contract on purpose: a producer's bug, as this service would receive it.
        EventProbe.publish("org.create.success", Events.json(broken));

        await().atMost(WAIT).until(() -> OwnQueue.deadLettered(broken.path("id").asString()));
        assertThat(rejected("invalid_id") - before).isEqualTo(1);
    }

    @Test
    void aMessageThatIsNotACloudEventIsDeadLetteredAndCounted() {
        double before = rejected("not_cloudevent");
        String marker = "garbage-" + UUID.randomUUID();
        EventProbe.publish("org.create.success", "{\"" + marker + "\": true}");

        await().atMost(WAIT).until(() -> OwnQueue.deadLettered(marker));
        assertThat(rejected("not_cloudevent") - before).isEqualTo(1);
    }

    private double rejected(String reason) {
        Counter counter = meters.find("notification.events.rejected")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
