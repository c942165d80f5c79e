package com.chatbotsaas.platform.data;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.mock.env.MockEnvironment;

/**
 * The platform's migrations run only when Flyway is on: under Spring AOT the build has already created Flyway's
 * beans, so {@code spring.flyway.enabled=false} (the images' training run, with no database) is honoured here. A
 * database that cannot be reached shows whether a migration was attempted.
 */
class SchemaAutoConfigurationTest {

    private final Flyway unreachable = Flyway.configure()
            .dataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "nobody", "")
            .load();

    @Test
    void flywayTurnedOffMigratesNothing() {
        FlywayMigrationStrategy strategy = new SchemaAutoConfiguration()
                .platformMigrationStrategy(new MockEnvironment().withProperty("spring.flyway.enabled", "false"));

        assertThatCode(() -> strategy.migrate(unreachable)).doesNotThrowAnyException();
    }

    @Test
    void flywayOnByDefaultMigrates() {
        FlywayMigrationStrategy strategy =
                new SchemaAutoConfiguration().platformMigrationStrategy(new MockEnvironment());

        assertThatThrownBy(() -> strategy.migrate(unreachable)).isInstanceOf(FlywayException.class);
    }
}
