import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Which beans a service's start spent its time on, from a JFR recording of a start made with
 * {@code -Dplatform.startup.jfr=true} (platform-core's StartupStepsRecorder): each step's own time (its duration
 * minus the steps nested in it, so a bean that waits for the beans it needs is not charged for them), the beans with
 * the most, and the total per kind of step. Wall-clock times, so they include waiting for the CPU and for I/O. A bean
 * built on another thread than its parent step (a background bootstrap) is not subtracted from it, and the steps nested
 * in it on that thread may be charged to it: Spring records one stack of steps for all threads.
 * Usage: java bench/StartupSteps.java recording.jfr [how-many-beans, 30]
 */
public class StartupSteps {

    private static final String EVENT = "org.springframework.core.metrics.jfr.FlightRecorderStartupEvent";
    private static final Pattern BEAN = Pattern.compile("beanName=([^,]+)");

    record Step(long id, long parent, String name, String tags, Duration duration, String thread) {}

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<Step> steps = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (event.getEventType().getName().equals(EVENT)) {
                steps.add(new Step(event.getLong("eventId"), event.getLong("parentId"), event.getString("name"),
                        String.valueOf(event.getString("tags")), event.getDuration(),
                        event.getThread() == null ? "?" : event.getThread().getJavaName()));
            }
        }
        if (steps.isEmpty()) {
            System.err.println("no startup steps in " + args[0] + ": was the service started with "
                    + "-Dplatform.startup.jfr=true and -XX:StartFlightRecording?");
            System.exit(1);
        }
        // Spring keeps one stack of steps for all threads, so a step's recorded parent is the step last begun on any
        // thread: a step is subtracted from its parent only when both ran on the same thread.
        Map<Long, Step> byId = new HashMap<>();
        for (Step step : steps) {
            byId.put(step.id(), step);
        }
        Map<Long, Duration> nested = new HashMap<>();
        for (Step step : steps) {
            Step parent = byId.get(step.parent());
            if (parent != null && parent.thread().equals(step.thread())) {
                nested.merge(step.parent(), step.duration(), Duration::plus);
            }
        }
        Map<String, Duration> byKind = new TreeMap<>();
        List<Map.Entry<Step, Duration>> own = new ArrayList<>();
        for (Step step : steps) {
            Duration self = step.duration().minus(nested.getOrDefault(step.id(), Duration.ZERO));
            byKind.merge(step.name(), self, Duration::plus);
            own.add(Map.entry(step, self));
        }
        own.sort(Map.Entry.<Step, Duration>comparingByValue().reversed());

        Duration all = byKind.values().stream().reduce(Duration.ZERO, Duration::plus);
        System.out.printf("%d steps, %.0f ms of own time in all%n%n", steps.size(), ms(all));
        System.out.println("own ms  total ms  bean (thread)");
        own.stream()
                .filter(entry -> entry.getKey().name().equals("spring.beans.instantiate"))
                .limit(top)
                .forEach(entry -> System.out.printf("%6.0f  %8.0f  %s (%s)%n", ms(entry.getValue()),
                        ms(entry.getKey().duration()), bean(entry.getKey().tags()), entry.getKey().thread()));
        System.out.println();
        System.out.println("own ms  kind of step");
        byKind.entrySet().stream()
                .sorted(Map.Entry.<String, Duration>comparingByValue(Comparator.naturalOrder()).reversed())
                .forEach(entry -> System.out.printf("%6.0f  %s%n", ms(entry.getValue()), entry.getKey()));
    }

    private static String bean(String tags) {
        Matcher matcher = BEAN.matcher(tags);
        return matcher.find() ? matcher.group(1) : tags;
    }

    private static double ms(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
