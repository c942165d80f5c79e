package com.chatbotsaas.auth.throttle;

import com.chatbotsaas.platform.crypto.Hashes;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Brute-force throttling in Redis, the first line before Keycloak's own detection: fixed windows that start with the
 * first failure, so the limit holds across every instance of the service. Emails are hashed in the keys (no personal
 * data in Redis). The counters ignore whether an account exists, so throttling reveals nothing about it.
 */
@Component
public class Throttles {

    private static final Logger log = LoggerFactory.getLogger(Throttles.class);
    private static final String PREFIX = "auth:throttle:";

    /** Counts one more and starts the window on the first; atomic, so a counter never outlives its window. */
    private static final RedisScript<Long> INCREMENT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return count""", Long.class);

    /** The longest remaining window (ms) among counters at or over their limit, else -1. */
    private static final RedisScript<Long> BLOCKED = RedisScript.of("""
            local wait = -1
            for i, key in ipairs(KEYS) do
              local count = tonumber(redis.call('GET', key) or '0')
              if count >= tonumber(ARGV[i]) then
                local ttl = redis.call('PTTL', key)
                if ttl < 0 then ttl = tonumber(ARGV[#KEYS + 1]) end
                if ttl > wait then wait = ttl end
              end
            end
            return wait""", Long.class);

    private final StringRedisTemplate redis;
    private final ThrottleProperties properties;
    private final Counter rejected;
    private final Counter unavailable;

    Throttles(StringRedisTemplate redis, ThrottleProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.rejected = meters.counter("auth.throttle.rejected");
        this.unavailable = meters.counter("auth.throttle.unavailable");
    }

    /**
     * Refuses a password check (429 with {@code Retry-After}) while the email, or the address, is over its limit. An
     * address may be a proxy or a NAT that many people share: an account that has signed in from it before is held
     * only to its own limit there, so one guesser behind the proxy cannot lock everyone out of their known accounts.
     */
    public void checkPasswordAttempt(String address, String email) {
        if (!properties.enabled()) {
            return;
        }
        ThrottleProperties.Login login = properties.login();
        Long waitMillis = guarded(
                () -> Boolean.TRUE.equals(redis.hasKey(knownKey(address, email)))
                        ? redis.execute(
                                BLOCKED,
                                List.of(emailKey(email)),
                                String.valueOf(login.maxFailuresPerEmail()),
                                String.valueOf(login.window().toMillis()))
                        : redis.execute(
                                BLOCKED,
                                List.of(addressKey(address), emailKey(email)),
                                String.valueOf(login.maxFailuresPerAddress()),
                                String.valueOf(login.maxFailuresPerEmail()),
                                String.valueOf(login.window().toMillis())),
                -1L);
        if (waitMillis != null && waitMillis >= 0) {
            rejected.increment();
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            retryAfter(seconds);
            throw new ApiException(ErrorCode.RATE_LIMITED, "Too many failed attempts, try again in " + seconds + " s");
        }
    }

    public void passwordAttemptFailed(String address, String email) {
        if (!properties.enabled()) {
            return;
        }
        Duration window = properties.login().window();
        guarded(
                () -> {
                    increment(addressKey(address), window);
                    return increment(emailKey(email), window);
                },
                0L);
    }

    /** A right password clears the email's failures; the address keeps its count (one account must not reset it). */
    public void passwordAttemptSucceeded(String email) {
        if (properties.enabled()) {
            guarded(() -> redis.delete(emailKey(email)), false);
        }
    }

    /** As {@link #passwordAttemptSucceeded(String)}, and remembers that the account signs in from this address. */
    public void passwordAttemptSucceeded(String address, String email) {
        passwordAttemptSucceeded(email);
        if (properties.enabled()) {
            guarded(
                    () -> {
                        redis.opsForValue()
                                .set(
                                        knownKey(address, email),
                                        "1",
                                        properties.login().knownClientTtl());
                        return true;
                    },
                    false);
        }
    }

    /** Whether one more reset email may go to this address now; counts it if so. */
    public boolean allowResetMessage(String email) {
        if (!properties.enabled()) {
            return true;
        }
        ThrottleProperties.PasswordReset reset = properties.passwordReset();
        Long count = guarded(() -> increment(PREFIX + "reset:" + digest(email), reset.window()), 0L);
        return count == null || count <= reset.maxMessagesPerEmail();
    }

    /**
     * Counts one more verification email to this address; zero when it may go now, else the seconds until the window
     * ends (nothing counted beyond the limit matters: the window started with the first email).
     */
    public long verificationMessageWait(String email) {
        if (!properties.enabled()) {
            return 0;
        }
        ThrottleProperties.EmailVerification limits = properties.emailVerification();
        String key = PREFIX + "verify:" + digest(email);
        Long count = guarded(() -> increment(key, limits.window()), 0L);
        if (count == null || count <= limits.maxMessagesPerEmail()) {
            return 0;
        }
        rejected.increment();
        Long millis = guarded(() -> redis.getExpire(key, TimeUnit.MILLISECONDS), -1L);
        long waitMillis = millis == null || millis < 0 ? limits.window().toMillis() : millis;
        return Math.max(1, (waitMillis + 999) / 1000);
    }

    /** A 429 {@code RATE_LIMITED} with {@code Retry-After} for a limit that is not about credentials. */
    public static ApiException rateLimited(String message, long retryAfterSeconds) {
        retryAfter(retryAfterSeconds);
        return new ApiException(ErrorCode.RATE_LIMITED, message);
    }

    private Long increment(String key, Duration window) {
        return redis.execute(INCREMENT, List.of(key), String.valueOf(window.toMillis()));
    }

    /** Redis down: fail open (counted, logged) or closed, as configured. */
    private <T> T guarded(Supplier<T> call, T whenUnavailable) {
        try {
            return call.get();
        } catch (DataAccessException e) {
            unavailable.increment();
            if (!properties.failOpen()) {
                throw ApiException.unavailable("Sign-in is temporarily unavailable, try again later", e);
            }
            log.warn(
                    "Throttling skipped: Redis is unavailable ({})",
                    e.getClass().getSimpleName());
            return whenUnavailable;
        }
    }

    /**
     * The error envelope comes from the platform's exception handler, which sets no headers of its own: the header is
     * put on the response before the exception leaves.
     */
    private static void retryAfter(long seconds) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletResponse response = attributes.getResponse();
            if (response != null) {
                response.setHeader("Retry-After", String.valueOf(seconds));
            }
        }
    }

    private static String addressKey(String address) {
        return PREFIX + "login:address:" + address;
    }

    private static String knownKey(String address, String email) {
        return PREFIX + "login:known:" + digest(address + "|" + email);
    }

    private static String emailKey(String email) {
        return PREFIX + "login:email:" + digest(email);
    }

    private static String digest(String value) {
        return Hashes.sha256Hex(value);
    }
}
