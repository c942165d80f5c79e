package com.chatbotsaas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.auth.testing.SuiteRecorder;
import com.chatbotsaas.platform.test.contract.EventContracts;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs after every other integration test of the module and scans what they produced — each event auth-service
 * published and every line written to the console (the service's logs, at trace level for request and response
 * bodies) — for the passwords, tokens and client secrets the tests used. None may appear; and every event must honour
 * its contract.
 */
@Order(Integer.MAX_VALUE)
class SecretLeakScanIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** When these ran, the recording holds every action auth-service audits. */
    private static final Set<String> FULL_SUITE = Set.of(
            "AccountsIT",
            "TokensIT",
            "SessionsIT",
            "PasswordsIT",
            "EmailVerificationIT",
            "ApiClientsIT",
            "InternalAccountsIT");

    @Test
    void noPasswordTokenOrSecretInAnyEventOrLogLine() {
        Assumptions.assumeTrue(SuiteRecorder.recording(), "runs after the other integration tests");
        List<SuiteRecorder.Message> events = SuiteRecorder.messages().stream()
                .filter(m -> parsed(m.body())
                        .map(e -> "/auth-service".equals(e.path("source").asString()))
                        .orElse(false))
                .toList();
        String output = SuiteRecorder.output();
        Set<String> secrets = SuiteRecorder.secrets();

        assertThat(secrets).as("secrets the tests used").isNotEmpty();
        assertThat(events).as("events auth-service published").isNotEmpty();
        assertThat(output).as("log output").contains("Started ");
        if (SuiteRecorder.plannedClasses().containsAll(FULL_SUITE)) {
            assertThat(actions(events))
                    .contains(
                            "auth.register.success",
                            "auth.register.failure",
                            "auth.login.success",
                            "auth.login.failure",
                            "auth.refresh.success",
                            "auth.refresh.failure",
                            "auth.logout.success",
                            "auth.session.revoke.success",
                            "auth.password.change.success",
                            "auth.password.change.failure",
                            "auth.password.forgot.success",
                            "auth.password.reset.success",
                            "auth.password.reset.failure",
                            "auth.email.verify.success",
                            "auth.email.verify.failure",
                            "auth.email.resend.success",
                            "auth.email.resend.failure",
                            "api_client.create.success",
                            "api_client.revoke.success",
                            "user.create.success",
                            "user.create.failure");
        }
        for (String secret : secrets) {
            assertThat(events)
                    .as("events containing a secret")
                    .noneMatch(e -> e.body().contains(secret));
            assertThat(output.contains(secret))
                    .as("a secret (%s…) in the log output", secret.substring(0, Math.min(4, secret.length())))
                    .isFalse();
        }
        for (SuiteRecorder.Message event : events) {
            assertThat(EventContracts.violations(event.body()))
                    .as(event.routingKey())
                    .isEmpty();
        }
    }

    private static Optional<JsonNode> parsed(String body) {
        try {
            return Optional.of(JSON.readTree(body));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Set<String> actions(List<SuiteRecorder.Message> events) {
        Set<String> actions = new TreeSet<>();
        events.forEach(e -> actions.add(e.routingKey()));
        return actions;
    }
}
