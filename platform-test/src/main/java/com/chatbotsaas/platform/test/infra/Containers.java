package com.chatbotsaas.platform.test.infra;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * Containers for infrastructure that is not running locally, started once per JVM (Ryuk removes them). Only used when
 * a Docker engine is present; machines without one run the services locally.
 */
final class Containers {

    private Containers() {}

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    static TestInfrastructure.Endpoint postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine")
                .withUsername("postgres")
                .withPassword("postgres")
                .withDatabaseName("postgres");
        container.start();
        return new TestInfrastructure.Endpoint(
                container.getHost(), container.getMappedPort(5432), "postgres", "postgres");
    }

    static TestInfrastructure.Endpoint rabbit() {
        RabbitMQContainer container = new RabbitMQContainer("rabbitmq:4-management-alpine");
        container.start();
        return new TestInfrastructure.Endpoint(container.getHost(), container.getAmqpPort(), "guest", "guest");
    }

    static TestInfrastructure.Endpoint redis() {
        GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        container.start();
        return new TestInfrastructure.Endpoint(container.getHost(), container.getMappedPort(6379), null, null);
    }
}
