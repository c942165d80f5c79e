package com.chatbotsaas.platform.core.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class StartupStepsRecorderTest {

    private static final String EVENT = "org.springframework.core.metrics.jfr.FlightRecorderStartupEvent";

    @TempDir
    Path dir;

    @Test
    void withThePropertyEachBeanOfTheStartIsAFlightRecorderEvent() throws IOException {
        List<RecordedEvent> events = steps("true");

        assertThat(events)
                .filteredOn(event -> event.getString("name").equals("spring.beans.instantiate"))
                .extracting(event -> event.getString("tags"))
                .anySatisfy(tags -> assertThat(tags).contains("beanName=greeting"));
        assertThat(events).extracting(event -> event.getString("name")).contains("spring.context.refresh");
    }

    @Test
    void withoutItNothingIsRecorded() throws IOException {
        assumeTrue(System.getenv(StartupStepsRecorder.VARIABLE) == null, "the variable turns it on for this JVM");
        assertThat(steps(null)).isEmpty();
        assertThat(steps("no")).isEmpty();
    }

    @Test
    void theVariableTurnsItOnWhenThePropertyIsAbsentAndThePropertyWins() {
        assertThat(StartupStepsRecorder.enabled(null, "true")).isTrue();
        assertThat(StartupStepsRecorder.enabled(" TRUE ", null)).isTrue();
        assertThat(StartupStepsRecorder.enabled("false", "true")).isFalse();
        assertThat(StartupStepsRecorder.enabled(null, null)).isFalse();
    }

    /** Starts a one-bean application (found through spring.factories, as a service is) inside a JFR recording. */
    private List<RecordedEvent> steps(String property) throws IOException {
        Path file = Files.createTempFile(dir, "start", ".jfr");
        String before = System.getProperty(StartupStepsRecorder.PROPERTY);
        try (Recording recording = new Recording()) {
            recording.enable(EVENT);
            recording.start();
            setProperty(property);
            SpringApplication application = new SpringApplication(Greeting.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setLogStartupInfo(false);
            try (ConfigurableApplicationContext context = application.run()) {
                assertThat(context.getBean(String.class)).isEqualTo("hello");
            }
            recording.stop();
            recording.dump(file);
        } finally {
            setProperty(before);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals(EVENT))
                .toList();
    }

    private static void setProperty(String value) {
        if (value == null) {
            System.clearProperty(StartupStepsRecorder.PROPERTY);
        } else {
            System.setProperty(StartupStepsRecorder.PROPERTY, value);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Greeting {

        @Bean
        String greeting() {
            return "hello";
        }
    }
}
