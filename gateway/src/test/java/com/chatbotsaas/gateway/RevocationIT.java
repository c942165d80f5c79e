package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.Jwts;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An access token stops working as soon as auth-service says its session ended or its user's password changed, not
 * at its expiry: the revocation arrives as an event and is checked in the rate limiter's round trip.
 */
class RevocationIT extends GatewayIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(RevocationIT.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ANY_ROUTE = "/api/v1/organizations";

    @Test
    void aLoggedOutSessionsAccessTokenIsRefusedAtOnceAndOtherSessionsAreNot() {
        TestUser user = keycloak.createUser();
        String ended = keycloak.login(user).accessToken();
        String other = keycloak.login(user).accessToken();
        assertThat(gateway().withToken(ended).get(ANY_ROUTE).status()).isEqualTo(200);

        EventProbe.publish(
                "auth.logout.success",
                event("auth.logout.success", Jwts.payload(ended).path("sid").asString(), null)
                        .toString());

        long took = awaitRefused(ended);
        log.info("A logged-out session's token was refused {} ms after the event was published", took);
        ApiResult refused = gateway().withToken(ended).get(ANY_ROUTE);
        assertThat(refused.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(gateway().withToken(other).get(ANY_ROUTE).status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeRefusesTheUsersOtherTokensUpToItsSecondButNotTheChangingSessionsOrLaterOnes() {
        TestUser user = keycloak.createUser();
        String changing = keycloak.login(user).accessToken();
        String other = keycloak.login(user).accessToken();
        String userId = Jwts.payload(other).path("sub").asString();
        // The change happens in the very second the other device's token was issued: that token is still "before".
        Instant changedAt =
                Instant.ofEpochSecond(Jwts.payload(other).path("iat").asLong());
        // auth-service names the second it revoked up to, then answers once that second is over: the event itself is
        // stamped later. The named second counts, not the event's time.
        ObjectNode change = event("auth.password.change.success", userId, changedAt.plusSeconds(1));
        ((ObjectNode) change.path("data"))
                .put("session_id", Jwts.payload(changing).path("sid").asString())
                .put("tokens_revoked_up_to", changedAt.getEpochSecond());

        EventProbe.publish("auth.password.change.success", change.toString());

        long took = awaitRefused(other);
        log.info("A token older than a password change was refused {} ms after the event was published", took);
        assertThat(gateway().withToken(changing).get(ANY_ROUTE).status()).isEqualTo(200);
        // Tokens are stamped in whole seconds: the first one issued in a later second counts.
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() > changedAt.getEpochSecond());
        String after = keycloak.login(user).accessToken();
        assertThat(gateway().withToken(after).get(ANY_ROUTE).status()).isEqualTo(200);
        assertThat(gateway().withToken(userToken()).get(ANY_ROUTE).status()).isEqualTo(200);
    }

    @Test
    void aMessageThatIsNotAnEventEndsInTheDeadLetterQueueAndRevocationsGoOn() {
        String marker = "not-an-event-" + UUID.randomUUID();
        TestUser user = keycloak.createUser();
        String ended = keycloak.login(user).accessToken();

        EventProbe.publish("auth.logout.success", "{" + marker);
        EventProbe.publish(
                "auth.logout.success",
                event("auth.logout.success", Jwts.payload(ended).path("sid").asString(), null)
                        .toString());

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        EventProbe.takeFrom(PlatformTestEnvironment.QUEUE_PREFIX + "gateway.revocations.dlq", marker));
        awaitRefused(ended);
    }

    /** Waits (generously: the build machine is shared) until the token is refused; returns how long it took. */
    private long awaitRefused(String token) {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> gateway().withToken(token).get(ANY_ROUTE).status() == 401);
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static ObjectNode event(String routingKey, String resourceId, @Nullable Instant time) {
        String action = routingKey.substring(0, routingKey.lastIndexOf('.'));
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example(routingKey));
        event.put("id", UUID.randomUUID().toString());
        event.put("type", "com.chatbotsaas." + action);
        if (time != null) {
            event.put("time", time.toString());
        }
        ((ObjectNode) event.path("data")).put("resource_id", resourceId).remove("tokens_revoked_up_to");
        return event;
    }
}
