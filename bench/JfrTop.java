import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went, from a JFR recording's execution samples: the share of samples spent inside each layer
 * (inclusive: a sample counts once for every layer on its stack) and the methods that were on top of the stack most
 * often (self time). Usage: java bench/JfrTop.java recording.jfr title > profile.txt
 */
public class JfrTop {

    /** Layers by class-name prefix, in the order they are printed. */
    private static final Map<String, String[]> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("Netty I/O (event loop, channel pipeline, epoll/nio)", new String[] {"io.netty."});
        LAYERS.put("Reactor Netty (HTTP server and proxy client)", new String[] {"reactor.netty."});
        LAYERS.put("Reactor operators", new String[] {"reactor.core."});
        LAYERS.put("Spring WebFlux / web (dispatch, codecs, headers)", new String[] {
            "org.springframework.web.", "org.springframework.http."
        });
        LAYERS.put("Spring Security (filter chain, header writers)", new String[] {"org.springframework.security."});
        LAYERS.put("JWT decoding and signature (Nimbus, JCA)", new String[] {
            "com.nimbusds.", "sun.security.", "java.security.", "javax.crypto."
        });
        LAYERS.put("Spring Cloud Gateway (routing, filters)", new String[] {"org.springframework.cloud.gateway."});
        LAYERS.put("Circuit breaker (Resilience4j)", new String[] {"io.github.resilience4j."});
        LAYERS.put("Redis client (Lettuce)", new String[] {"io.lettuce."});
        LAYERS.put("Micrometer (metrics, observation, tracing)", new String[] {"io.micrometer."});
        LAYERS.put("Context propagation", new String[] {"io.micrometer.context.", "reactor.util.context."});
        LAYERS.put("Jackson", new String[] {"tools.jackson.", "com.fasterxml.jackson."});
        LAYERS.put("Logging (Logback, SLF4J, MDC)", new String[] {"ch.qos.logback.", "org.slf4j."});
        LAYERS.put("Servlet container (Tomcat)", new String[] {"org.apache.catalina.", "org.apache.coyote.",
            "org.apache.tomcat."});
        LAYERS.put("JDBC / Hikari / PostgreSQL", new String[] {"com.zaxxer.hikari.", "org.postgresql."});
        LAYERS.put("This project's code", new String[] {"com.chatbotsaas."});
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String title = args.length > 1 ? args[1] : file.getFileName().toString();
        Map<String, Integer> layers = new LinkedHashMap<>();
        LAYERS.keySet().forEach(layer -> layers.put(layer, 0));
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> own = new LinkedHashMap<>();
        LAYERS.keySet().forEach(layer -> own.put(layer, 0));
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                Set<String> seen = new LinkedHashSet<>();
                boolean top = true;
                String owner = null;
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    if (!frame.isJavaFrame()) {
                        continue;
                    }
                    String type = frame.getMethod().getType().getName();
                    if (top) {
                        self.merge(type + "." + frame.getMethod().getName(), 1, Integer::sum);
                        top = false;
                    }
                    for (Map.Entry<String, String[]> layer : LAYERS.entrySet()) {
                        for (String prefix : layer.getValue()) {
                            if (type.startsWith(prefix)) {
                                seen.add(layer.getKey());
                                if (owner == null) {
                                    owner = layer.getKey();
                                }
                            }
                        }
                    }
                }
                seen.forEach(layer -> layers.merge(layer, 1, Integer::sum));
                own.merge(owner == null ? "JDK only (no layer on the stack)" : owner, 1, Integer::sum);
            }
        }
        PrintStream out = System.out;
        out.printf("%s: %d execution samples (JFR, settings=profile: one every 10 ms per running thread)%n%n", title,
                samples);
        int total = Math.max(samples, 1);
        out.println("Own time: each sample counts once, for the layer of the frame nearest the top of its stack (JDK");
        out.println("frames such as HashMap or String count for the layer that called them):");
        own.forEach((layer, count) -> out.printf("  %5.1f%%  %s%n", 100.0 * count / total, layer));
        out.println();
        out.println("Share of samples with the layer anywhere on the stack (inclusive; a sample counts in several;");
        out.println("a layer that wraps the rest, like an observation or a circuit breaker, shows high here):");
        layers.forEach((layer, count) -> out.printf("  %5.1f%%  %s%n", 100.0 * count / total, layer));
        out.println();
        out.println("Methods on top of the stack (self time), the 30 most frequent:");
        self.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(30)
                .forEach(e -> out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }
}
