package com.chatbotsaas.platform.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a service whose environment turns a platform switch that is a bean condition other than its build
 * did. Started from Spring AOT's generated context (as {@code bin/platform} and the images start every service), the
 * conditions were evaluated once, when the service was built, and a deployment's {@code PLATFORM_IDEMPOTENCY_ENABLED=
 * false} would otherwise be ignored without a word. Started by reflection (the tests), both are decided from the same
 * environment and always agree.
 */
public final class BuildTimeSwitches {

    /** A switch and how its condition reads the environment ({@code @ConditionalOnProperty}'s rules). */
    public enum Switch {
        PERMISSIONS("platform.permissions.enabled", true),
        IDEMPOTENCY("platform.idempotency.enabled", true),
        CONSUMER_QUEUE("platform.messaging.consumer.queue", false);

        private final String property;
        private final boolean onWhenMissing;

        Switch(String property, boolean onWhenMissing) {
            this.property = property;
            this.onWhenMissing = onWhenMissing;
        }

        public String property() {
            return property;
        }

        /** {@code havingValue = "true", matchIfMissing = true}; else set to anything but {@code false}. */
        boolean isOn(Environment environment) {
            String value = environment.getProperty(property);
            if (onWhenMissing) {
                return value == null || value.equalsIgnoreCase("true");
            }
            return value != null && !value.equalsIgnoreCase("false");
        }
    }

    /** Present in the context when the switch's condition matched (at build time, under Spring AOT). */
    public record BuiltOn(Switch value) {}

    private BuildTimeSwitches() {}

    /**
     * Fails with every switch whose bean ({@code builtOn}) and environment disagree, or returns.
     *
     * @throws IllegalStateException naming each contradicted switch
     */
    static void check(Collection<BuiltOn> builtOn, Environment environment) {
        Set<Switch> built = EnumSet.noneOf(Switch.class);
        builtOn.forEach(on -> built.add(on.value()));
        List<String> contradicted = new ArrayList<>();
        for (Switch each : Switch.values()) {
            boolean wasOn = built.contains(each);
            if (wasOn != each.isOn(environment)) {
                contradicted.add(each.property() + " (" + (wasOn ? "on" : "off") + " when built, "
                        + (wasOn ? "off" : "on") + " now)");
            }
        }
        if (!contradicted.isEmpty()) {
            throw new IllegalStateException("The service was built with other values of switches that decide which"
                    + " beans exist: " + String.join(", ", contradicted) + ". Set them in the service's own"
                    + " application.yml and rebuild, or start it without Spring AOT (-Dspring.aot.enabled=false).");
        }
    }
}
