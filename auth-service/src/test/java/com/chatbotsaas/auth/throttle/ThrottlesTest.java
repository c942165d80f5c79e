package com.chatbotsaas.auth.throttle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatbotsaas.platform.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The login throttle against the real Redis, for clients that share one address (a proxy, a NAT). */
class ThrottlesTest {

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    /** One address shared by everyone behind the same proxy; unique per test run. */
    private final String proxy = "198.18." + (int) (Math.random() * 255) + "." + (int) (Math.random() * 255);

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("localhost", 6379));
        connections.afterPropertiesSet();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void sixBadLoginsFromOneClientDoNotStopAnotherPersonBehindTheSameProxy() {
        Throttles throttles =
                throttles(new ThrottleProperties.Login(5, 20, Duration.ofMinutes(1), Duration.ofDays(30)));
        String victim = email();
        for (int i = 0; i < 6; i++) {
            throttles.passwordAttemptFailed(proxy, victim);
        }

        assertThatThrownBy(() -> throttles.checkPasswordAttempt(proxy, victim)).isInstanceOf(ApiException.class);
        assertThatCode(() -> throttles.checkPasswordAttempt(proxy, email())).doesNotThrowAnyException();
    }

    @Test
    void anAddressOverItsLimitStillLetsInAccountsThatSignedInFromItBefore() {
        Throttles throttles = throttles(new ThrottleProperties.Login(5, 5, Duration.ofMinutes(1), Duration.ofDays(30)));
        String regular = email();
        throttles.passwordAttemptSucceeded(proxy, regular);
        for (int i = 0; i < 5; i++) {
            throttles.passwordAttemptFailed(proxy, email());
        }

        assertThatThrownBy(() -> throttles.checkPasswordAttempt(proxy, email()))
                .as("a guesser spraying new accounts from the address is stopped")
                .isInstanceOf(ApiException.class);
        assertThatCode(() -> throttles.checkPasswordAttempt(proxy, regular))
                .as("the address's regular user is not")
                .doesNotThrowAnyException();
        for (int i = 0; i < 5; i++) {
            throttles.passwordAttemptFailed(proxy, regular);
        }
        assertThatThrownBy(() -> throttles.checkPasswordAttempt(proxy, regular))
                .as("but still held to the account's own limit")
                .isInstanceOf(ApiException.class);
    }

    private static Throttles throttles(ThrottleProperties.Login login) {
        return new Throttles(
                redis,
                new ThrottleProperties(
                        true,
                        true,
                        login,
                        new ThrottleProperties.PasswordReset(3, Duration.ofHours(1)),
                        new ThrottleProperties.EmailVerification(3, Duration.ofHours(1))),
                new SimpleMeterRegistry());
    }

    private static String email() {
        return "throttle-" + UUID.randomUUID() + "@example.test";
    }
}
