package com.chatbotsaas.platform.test.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The infrastructure integration tests run against: PostgreSQL, RabbitMQ and Redis on this machine when they answer
 * (every machine of this project runs them), else containers when a Docker engine is there. The database
 * {@code chatbot_saas_test} gets the same schemas and roles as a real deployment ({@code infra/postgres}).
 */
public final class TestInfrastructure {

    public static final String DATABASE = "chatbot_saas_test";

    private static @Nullable TestInfrastructure instance;

    private final Endpoint postgres;
    private final Endpoint rabbit;
    private final Endpoint redis;

    private TestInfrastructure(Endpoint postgres, Endpoint rabbit, Endpoint redis) {
        this.postgres = postgres;
        this.rabbit = rabbit;
        this.redis = redis;
    }

    /** Connects (or starts containers) once per JVM and prepares the test database. */
    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            Endpoint postgres = local("POSTGRES", 5432);
            Endpoint rabbit = local("RABBITMQ", 5672);
            Endpoint redis = local("REDIS", 6379);
            if (!reachable(postgres) || !reachable(rabbit) || !reachable(redis)) {
                if (!Containers.dockerAvailable()) {
                    throw new IllegalStateException(
                            "PostgreSQL (" + postgres + "), RabbitMQ (" + rabbit + ") and Redis (" + redis
                                    + ") must be reachable, or a Docker engine must be available for Testcontainers");
                }
                postgres = reachable(postgres) ? postgres : Containers.postgres();
                rabbit = reachable(rabbit) ? rabbit : Containers.rabbit();
                redis = reachable(redis) ? redis : Containers.redis();
            }
            instance = new TestInfrastructure(postgres, rabbit, redis);
            instance.prepareDatabase();
        }
        return instance;
    }

    /** Properties that point a service at this infrastructure (placeholders of the services' configuration). */
    public Map<String, String> properties() {
        return Map.of(
                "DB_URL", jdbcUrl(DATABASE),
                "RABBITMQ_HOST", rabbit.host(),
                "RABBITMQ_PORT", String.valueOf(rabbit.port()),
                "REDIS_HOST", redis.host(),
                "REDIS_PORT", String.valueOf(redis.port()));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + database;
    }

    public Endpoint rabbit() {
        return rabbit;
    }

    public Endpoint redis() {
        return redis;
    }

    /** A superuser connection to the test database, for tests that inspect or tamper with stored rows. */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(DATABASE), adminUser(), adminPassword());
    }

    /** The first column of the first row of a query on the test database, as a long (e.g. a {@code count(*)}). */
    public long queryForLong(String sql, Object... parameters) {
        try (Connection connection = adminConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    private void prepareDatabase() {
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), adminUser(), adminPassword());
                Statement statement = admin.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                try {
                    statement.execute("create database " + DATABASE);
                } catch (SQLException e) {
                    // Another test JVM created it in the meantime.
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare database " + DATABASE, e);
        }
        try (Connection connection = adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_lock(4242)");
            try {
                statement.execute(Files.readString(ProjectPaths.root().resolve("infra/postgres/01-schemas.sql")));
            } finally {
                statement.execute("select pg_advisory_unlock(4242)");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot create the service schemas in " + DATABASE, e);
        }
    }

    private String adminUser() {
        return postgres.user() == null ? "postgres" : postgres.user();
    }

    private String adminPassword() {
        return postgres.password() == null ? "" : postgres.password();
    }

    private static Endpoint local(String prefix, int defaultPort) {
        String host = System.getenv().getOrDefault(prefix + "_HOST", "localhost");
        int port = Integer.parseInt(System.getenv().getOrDefault(prefix + "_PORT", String.valueOf(defaultPort)));
        return new Endpoint(host, port, System.getenv(prefix + "_USER"), System.getenv(prefix + "_PASSWORD"));
    }

    private static boolean reachable(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A host and port, with the admin credentials where the service has them. */
    public record Endpoint(
            String host,
            int port,
            @Nullable String user,
            @Nullable String password) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** The reactor root, where the shared infrastructure files live. */
    public static final class ProjectPaths {
        private ProjectPaths() {}

        public static Path root() {
            String configured = System.getProperty("platform.root");
            if (configured != null && Files.isDirectory(Path.of(configured, "infra"))) {
                return Path.of(configured);
            }
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isDirectory(dir.resolve("infra/postgres"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("Cannot find the project root (set -Dplatform.root)");
            }
            return dir;
        }
    }
}
