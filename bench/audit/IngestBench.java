import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes EVENTS audited-action events (spread over ORGS organizations) to the events exchange with publisher
 * confirms, then waits until audit-service has stored them all, and prints the sustained rate. Run by
 * bench/audit-ingest.sh, which starts the service against a bench database.
 */
public class IngestBench {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "live";
        int events = Integer.parseInt(env("EVENTS", "50000"));
        int orgs = Integer.parseInt(env("ORGS", "20"));
        String exchange = env("EVENTS_EXCHANGE", "bench.platform.events");
        String jdbcUrl = env("BENCH_JDBC_URL", "jdbc:postgresql://localhost:5432/chatbot_saas_bench");
        // The organizations of a run are derived from its name, so "publish" and "await" agree on them.
        String run = env("BENCH_RUN", UUID.randomUUID().toString().substring(0, 8));
        List<UUID> organizations = new ArrayList<>();
        for (int i = 0; i < orgs; i++) {
            organizations.add(UUID.nameUUIDFromBytes((run + "-org-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        // In "await" mode, the wall clock may start earlier: when the bench let the service go (DRAIN_FROM, epoch ms).
        String drainFrom = System.getenv("DRAIN_FROM");
        Instant started = drainFrom == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(drainFrom));
        Instant published = started;
        if (!mode.equals("await")) {
            published = publish(run, events, organizations, exchange);
            System.out.printf("published=%d publish_s=%.2f publish_rate=%.0f/s%n", events,
                    seconds(started, published), events / seconds(started, published));
        }
        if (mode.equals("publish")) {
            return;
        }
        awaitStored(mode, jdbcUrl, organizations, events, started);
    }

    /** Publishes from PUBLISHERS threads, each on its own channel with confirms, so the publisher is not the limit. */
    private static Instant publish(String run, int events, List<UUID> organizations, String exchange)
            throws Exception {
        int publishers = Integer.parseInt(env("PUBLISHERS", "4"));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env("RABBITMQ_HOST", "localhost"));
        factory.setPort(Integer.parseInt(env("RABBITMQ_PORT", "5672")));
        try (Connection connection = factory.newConnection("audit-ingest-bench")) {
            try (Channel channel = connection.createChannel()) {
                channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            }
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/cloudevents+json")
                    .deliveryMode(2)
                    .build();
            List<Thread> threads = new ArrayList<>();
            List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int p = 0; p < publishers; p++) {
                int first = p;
                threads.add(Thread.ofPlatform().start(() -> {
                    try (Channel channel = connection.createChannel()) {
                        channel.confirmSelect();
                        int sent = 0;
                        for (int i = first; i < events; i += publishers) {
                            UUID org = organizations.get(i % organizations.size());
                            channel.basicPublish(exchange, "chatbot.update.success", properties,
                                    event(run, i, org).getBytes(StandardCharsets.UTF_8));
                            if (++sent % 500 == 0) {
                                channel.waitForConfirmsOrDie(60_000);
                            }
                        }
                        channel.waitForConfirmsOrDie(60_000);
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw failures.getFirst();
            }
            return Instant.now();
        }
    }

    private static void awaitStored(String mode, String jdbcUrl, List<UUID> organizations, int events, Instant started)
            throws Exception {

        long stored = 0;
        long distinct = 0;
        double spread = 0;
        Instant done;
        try (var db = DriverManager.getConnection(jdbcUrl, env("BENCH_DB_USER", "postgres"), env("BENCH_DB_PASSWORD", ""));
                PreparedStatement count = db.prepareStatement(
                        """
                        select count(*), count(distinct event_id),
                          extract(epoch from max(received_at) - min(received_at))
                        from audit.audit_log where organization_id = any(?)""")) {
            count.setArray(1, db.createArrayOf("uuid", organizations.toArray()));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (true) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    stored = rs.getLong(1);
                    distinct = rs.getLong(2);
                    spread = rs.getDouble(3);
                }
                if (stored >= events || Instant.now().isAfter(deadline)) {
                    done = Instant.now();
                    break;
                }
                Thread.sleep(100);
            }
        }
        double totalSeconds = seconds(started, done);
        // Between the first and the last batch stored, as the service timed them (received_at).
        System.out.printf(
                "mode=%s events=%d organizations=%d stored=%d distinct=%d wall_s=%.2f wall_rate=%.0f/s"
                        + " stored_span_s=%.2f stored_rate=%.0f/s%n",
                mode, events, organizations.size(), stored, distinct, totalSeconds, stored / totalSeconds, spread,
                spread > 0 ? stored / spread : 0);
        if (stored != events || distinct != events) {
            System.exit(1);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static String event(String run, int i, UUID org) {
        return """
                {"specversion":"1.0","id":"bench-%s-%d","source":"/chatbot-service","type":"com.chatbotsaas.chatbot.update",\
                "time":"%s","datacontenttype":"application/json","orgid":"%s","actorid":"%s","actortype":"user",\
                "requestid":"bench-%d","traceparent":"00-%032x-%016x-01","clientip":"203.0.113.7",\
                "useragent":"Mozilla/5.0 (bench)","outcome":"success","statuscode":200,\
                "data":{"resource_type":"chatbot","resource_id":"%s","changes":{"name":["Old %d","New %d"]}}}"""
                .formatted(run, i, Instant.now(), org, UUID.nameUUIDFromBytes(("actor" + i % 50).getBytes()), i, i, i,
                        UUID.nameUUIDFromBytes(("bot" + i % 500).getBytes()), i, i);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
