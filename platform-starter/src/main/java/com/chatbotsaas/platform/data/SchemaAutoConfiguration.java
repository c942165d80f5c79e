package com.chatbotsaas.platform.data;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The platform's own tables (outbox, processed events) live in each service's schema but are versioned apart from
 * the service's migrations, in their own history table, so neither numbering constrains the other.
 *
 * <p>Both runs read the migrations of their own locations: under Spring AOT, Spring Boot gives the service's
 * configuration a resource provider that lists the service's migrations, which the platform's run must not inherit.
 * And {@code spring.flyway.enabled=false} is honoured here at start: under Spring AOT the build has already decided
 * that Flyway is there (the images' training run, which has no database, sets it).
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
public class SchemaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FlywayMigrationStrategy platformMigrationStrategy(Environment environment) {
        return flyway -> {
            if (!environment.getProperty("spring.flyway.enabled", Boolean.class, true)) {
                return;
            }
            Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .resourceProvider(null)
                    .javaMigrationClassProvider(null)
                    .locations("classpath:db/platform")
                    .table("platform_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            flyway.migrate();
        };
    }
}
