package com.chatbotsaas.auth.keycloak;

import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Every call to Keycloak passes here: an unreachable, hanging or failing Keycloak is a 503 envelope, and after a few
 * such failures the breaker answers 503 at once, without waiting for timeouts, until a probing call succeeds again.
 * Keycloak's own "no" (wrong password, taken email) is an answer, not a failure: it never opens the breaker.
 */
@Component
class KeycloakCalls {

    static final String UNAVAILABLE = "The identity provider is unavailable, try again later";
    private static final Logger log = LoggerFactory.getLogger(KeycloakCalls.class);

    private final CircuitBreaker breaker;

    KeycloakCalls(KeycloakProperties properties, MeterRegistry meters) {
        KeycloakProperties.CircuitBreaker settings = properties.circuitBreaker();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(KeycloakCalls::isOutage)
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        this.breaker = registry.circuitBreaker("keycloak");
        this.breaker
                .getEventPublisher()
                .onStateTransition(event -> log.warn("Keycloak circuit breaker: {}", event.getStateTransition()));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    <T> T call(Supplier<T> call) {
        try {
            return breaker.executeSupplier(() -> translated(call));
        } catch (CallNotPermittedException e) {
            throw ApiException.unavailable(UNAVAILABLE, null);
        }
    }

    void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** Transport failures and Keycloak's own errors become the 503 the client sees (and the breaker counts). */
    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (ProcessingException | ResourceAccessException e) {
            throw ApiException.unavailable(UNAVAILABLE, e);
        } catch (WebApplicationException e) {
            // Each call maps the answers it expects; anything else (5xx, the service account refused) is an outage.
            e.getResponse().close();
            throw ApiException.unavailable(UNAVAILABLE, e);
        } catch (RestClientResponseException e) {
            throw ApiException.unavailable(UNAVAILABLE, e);
        }
    }

    private static boolean isOutage(Throwable e) {
        return e instanceof ApiException api && api.errorCode() == ErrorCode.SERVICE_UNAVAILABLE;
    }
}
