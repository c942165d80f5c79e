package com.chatbotsaas.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatbotsaas.platform.config.BuildTimeSwitches.BuiltOn;
import com.chatbotsaas.platform.config.BuildTimeSwitches.Switch;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

class BuildTimeSwitchesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BuildTimeSwitchesAutoConfiguration.class));

    /** Conditions evaluated at start (reflection, the tests): whatever the values, the build and the start agree. */
    @Test
    void aContextWorkedOutAtStartAlwaysAgreesWithItsEnvironment() {
        context.run(started ->
                assertThat(started).hasNotFailed().getBeans(BuiltOn.class).hasSize(2));
        context.withPropertyValues(
                        "platform.permissions.enabled=false",
                        "platform.idempotency.enabled=FALSE",
                        "platform.messaging.consumer.queue=user-org.events")
                .run(started -> assertThat(started)
                        .hasNotFailed()
                        .getBeans(BuiltOn.class)
                        .containsOnlyKeys("platformConsumerQueueBuiltOn"));
    }

    /**
     * What a Spring AOT start sees when the deployment's environment turns a switch off that the build left on: the
     * switch's bean, generated at build time, and the environment saying otherwise.
     */
    @Test
    void aSwitchTurnedOffAfterTheBuildFailsTheStartNamingIt() {
        context.withUserConfiguration(BuiltWithIdempotency.class)
                .withPropertyValues("platform.idempotency.enabled=false")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("platform.idempotency.enabled (on when built, off now)")
                        .hasMessageContaining("application.yml")
                        .hasMessageNotContaining("platform.permissions.enabled"));
    }

    /** And a switch the build left off (no bean) that the environment turns on. */
    @Test
    void aSwitchTurnedOnAfterTheBuildFailsTheStartToo() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("platform.messaging.consumer.queue", "user-org.events");
        List<BuiltOn> builtOn = List.of(new BuiltOn(Switch.PERMISSIONS), new BuiltOn(Switch.IDEMPOTENCY));

        assertThatThrownBy(() -> BuildTimeSwitches.check(builtOn, environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("platform.messaging.consumer.queue (off when built, on now)")
                .hasMessageNotContaining("platform.permissions.enabled");
        environment.setProperty("platform.messaging.consumer.queue", "false");
        BuildTimeSwitches.check(builtOn, environment);
    }

    /** The check comes before the service's own beans: nothing migrates, connects or listens on a start it fails. */
    @Test
    void theStartFailsBeforeAnyOtherBeanIsCreated() {
        AtomicBoolean created = new AtomicBoolean();
        ApplicationContextRunner withAServiceBean =
                context.withBean("somethingThatConnects", AtomicBoolean.class, () -> {
                    created.set(true);
                    return created;
                });

        withAServiceBean
                .withUserConfiguration(BuiltWithIdempotency.class)
                .withPropertyValues("platform.idempotency.enabled=false")
                .run(started -> assertThat(started).hasFailed());
        assertThat(created).isFalse();

        withAServiceBean.run(started -> assertThat(started).hasNotFailed());
        assertThat(created).isTrue();
    }

    @Configuration(proxyBeanMethods = false)
    static class BuiltWithIdempotency {

        @Bean
        BuiltOn platformIdempotencyBuiltOn() {
            return new BuiltOn(Switch.IDEMPOTENCY);
        }
    }
}
