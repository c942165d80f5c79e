package com.chatbotsaas.platform.core.startup;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;

/**
 * Records a start's steps (the environment, each bean's instantiation, the context refresh) as JDK Flight Recorder
 * events when {@code -Dplatform.startup.jfr=true} or {@code PLATFORM_STARTUP_JFR=true} is given, so a JFR recording
 * of the start ({@code -XX:StartFlightRecording}) says which beans took how long; {@code bench/StartupSteps.java}
 * reads them. Off by default: nothing is recorded and nothing changes.
 *
 * <p>A run listener because it is created by {@link SpringApplication#run} before the application's startup recorder
 * is first used, and it needs no code in each service's {@code main}.
 */
public class StartupStepsRecorder implements SpringApplicationRunListener {

    /** The system property that turns the recording on. */
    public static final String PROPERTY = "platform.startup.jfr";

    /** The environment variable that turns it on (for images and {@code bin/platform}). */
    public static final String VARIABLE = "PLATFORM_STARTUP_JFR";

    public StartupStepsRecorder(SpringApplication application, String[] args) {
        if (enabled(System.getProperty(PROPERTY), System.getenv(VARIABLE))) {
            application.setApplicationStartup(new FlightRecorderApplicationStartup());
        }
    }

    static boolean enabled(@Nullable String property, @Nullable String variable) {
        String value = property != null ? property : variable;
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }
}
