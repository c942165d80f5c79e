package com.chatbotsaas.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.e2e.deploy.ReactorServices.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml, read as docker compose reads it (anchors and merge keys), against the reactor's services. */
class ComposeFileTest {

    /** Containers whose images have no shell to run a check in; nothing waits on them being healthy. */
    private static final Set<String> WITHOUT_HEALTHCHECK = Set.of("otel-collector", "jaeger");

    /** Links the services put in e-mails for people's browsers, not addresses they call themselves. */
    private static final Set<String> BROWSER_LINKS =
            Set.of("INVITATION_ACCEPT_URL", "PUBLIC_BASE_URL", "CORS_ALLOWED_ORIGINS");

    private static final Set<String> INFRASTRUCTURE = Set.of("postgres", "redis", "rabbitmq", "keycloak");
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)(:?[-?])?[^}]*}");

    private static Map<String, Map<String, Object>> containers;
    private static List<Service> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() {
        Map<String, Object> compose =
                new Yaml().load(ReactorServices.read(ReactorServices.root().resolve("docker-compose.yml")));
        containers = (Map<String, Map<String, Object>>) compose.get("services");
        services = ReactorServices.all();
    }

    @Test
    void everyServiceOfTheReactorIsAContainerBuiltFromTheRootDockerfileWithItsNameAndPort() {
        assertThat(services)
                .extracting(Service::name)
                .containsExactlyInAnyOrder(
                        "gateway",
                        "auth-service",
                        "user-org-service",
                        "chatbot-service",
                        "audit-service",
                        "notification-service");
        for (Service service : services) {
            Map<String, Object> container = containers.get(service.name());
            assertThat(container).as(service.name()).isNotNull();
            assertThat(map(container, "build"))
                    .as(service.name())
                    .containsEntry("context", ".")
                    .containsEntry("dockerfile", "Dockerfile");
            assertThat(map(map(container, "build"), "args"))
                    .as(service.name())
                    .containsOnly(
                            Map.entry("SERVICE", service.name()), Map.entry("PORT", String.valueOf(service.port())));
            assertThat((String) container.get("image")).endsWith("/" + service.name() + ":${IMAGE_TAG:-latest}");
        }
        Set<String> applications = containers.keySet().stream()
                .filter(name -> containers.get(name).containsKey("build"))
                .collect(Collectors.toSet());
        assertThat(applications).containsExactlyInAnyOrderElementsOf(names());
    }

    @Test
    void portsMatchTheServicesConfigurationAndOnlyTheGatewayIsPublished() {
        for (Service service : services) {
            Map<String, Object> container = containers.get(service.name());
            assertThat(environment(service.name()))
                    .as(service.name())
                    .containsEntry("SERVER_PORT", String.valueOf(service.port()));
            assertThat(list(container, "expose")).as(service.name()).containsExactly(String.valueOf(service.port()));
            if (service.name().equals("gateway")) {
                assertThat(list(container, "ports")).containsExactly("${GATEWAY_PORT:-8080}:" + service.port());
            } else {
                assertThat(container)
                        .as(service.name() + " is reached through the gateway only")
                        .doesNotContainKey("ports");
            }
        }
    }

    @Test
    void infrastructureConsolesArePublishedOnThisMachineOnly() {
        for (var container : containers.entrySet()) {
            if (container.getKey().equals("gateway") || !container.getValue().containsKey("ports")) {
                continue;
            }
            assertThat(list(container.getValue(), "ports"))
                    .as(container.getKey() + ": management and admin ports must not face the network")
                    .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        }
    }

    @Test
    void everyServiceGetsEveryVariableItsConfigurationNeeds() {
        SoftAssertions missing = new SoftAssertions();
        for (Service service : services) {
            missing.assertThat(service.missingIn(environment(service.name())::containsKey))
                    .as(service.name() + " reads these without a usable default")
                    .isEmpty();
        }
        missing.assertAll();
        for (Service service : services) {
            Map<String, Object> environment = environment(service.name());
            // Addresses the service calls point at the compose network, never at the container itself.
            environment.forEach((name, value) -> {
                if (!BROWSER_LINKS.contains(name)) {
                    assertThat(String.valueOf(value))
                            .as(service.name() + " " + name)
                            .doesNotContain("localhost");
                }
            });
        }
        // The check is not vacuous: the services do read addresses and credentials.
        Service audit = services.stream()
                .filter(service -> service.name().equals("audit-service"))
                .findFirst()
                .orElseThrow();
        assertThat(audit.missingIn(name -> false))
                .contains("DB_URL", "DB_PASSWORD", "RABBITMQ_HOST", "RABBITMQ_PASSWORD", "KEYCLOAK_URL");
    }

    @Test
    void servicesAttachTheTracingAgentAndExportToTheCollector() {
        for (Service service : services) {
            assertThat(environment(service.name()))
                    .as(service.name())
                    .containsEntry("OTEL_JAVAAGENT_ENABLED", "true")
                    .containsEntry("OTEL_SERVICE_NAME", service.name())
                    .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318");
            // The gateway carries the trace to the services itself, without the agent's Reactor instrumentation.
            if (service.name().equals("gateway")) {
                assertThat(environment(service.name())).containsEntry("OTEL_INSTRUMENTATION_REACTOR_ENABLED", "false");
            } else {
                assertThat(environment(service.name())).doesNotContainKey("OTEL_INSTRUMENTATION_REACTOR_ENABLED");
            }
        }
        assertThat(containers).containsKeys("otel-collector", "jaeger");
    }

    @Test
    void everyContainerHasAMemoryLimitAndAHealthcheck() {
        containers.forEach((name, container) -> {
            Map<String, Object> limits = map(map(map(container, "deploy"), "resources"), "limits");
            assertThat(String.valueOf(limits.get("memory")))
                    .as(name + " memory limit")
                    .matches("\\d+[mg]");
            if (!WITHOUT_HEALTHCHECK.contains(name)) {
                Map<String, Object> healthcheck = map(container, "healthcheck");
                assertThat(list(healthcheck, "test")).as(name + " healthcheck").isNotEmpty();
                assertThat(healthcheck.get("disable")).isNull();
            }
        });
        assertThat(containers.keySet()).containsAll(INFRASTRUCTURE);
    }

    @Test
    void servicesStartOnlyOnceTheirInfrastructureIsHealthy() {
        for (Service service : services) {
            Map<String, Object> dependsOn = map(containers.get(service.name()), "depends_on");
            for (String infrastructure : List.of("redis", "keycloak")) {
                assertThat(map(dependsOn, infrastructure))
                        .as(service.name() + " waits for " + infrastructure)
                        .containsEntry("condition", "service_healthy");
            }
            if (!service.name().equals("gateway")) {
                for (String infrastructure : List.of("postgres", "rabbitmq")) {
                    assertThat(map(dependsOn, infrastructure))
                            .as(service.name() + " waits for " + infrastructure)
                            .containsEntry("condition", "service_healthy");
                }
            }
            dependsOn.forEach((dependency, condition) -> {
                assertThat(containers)
                        .as(service.name() + " depends on " + dependency)
                        .containsKey(dependency);
                String expected = WITHOUT_HEALTHCHECK.contains(dependency) ? "service_started" : "service_healthy";
                assertThat(map(dependsOn, dependency)).containsEntry("condition", expected);
            });
        }
        assertThat(map(map(containers.get("keycloak"), "depends_on"), "postgres"))
                .containsEntry("condition", "service_healthy");
    }

    @Test
    void theDatabaseIsInitialisedWithTheSchemasOfTheLocalSetupAndKeycloakImportsTheRealm() {
        assertThat(list(containers.get("postgres"), "volumes"))
                .contains("./infra/postgres/01-schemas.sql:/docker-entrypoint-initdb.d/01-schemas.sql:ro");
        assertThat(list(containers.get("keycloak"), "command")).contains("--import-realm");
        assertThat(list(containers.get("keycloak"), "volumes"))
                .contains("./keycloak/chatbot-saas-realm.json:/opt/keycloak/data/import/chatbot-saas-realm.json:ro");
        assertThat(environment("keycloak")).containsEntry("KC_DB", "postgres");
        assertThat((String) containers.get("rabbitmq").get("image")).endsWith("-management");
        String keycloakVersion = property(
                ReactorServices.read(ReactorServices.root().resolve("platform-bom/pom.xml")), "keycloak.version");
        assertThat((String) containers.get("keycloak").get("image")).endsWith(":" + keycloakVersion);
    }

    @Test
    void everyVariableTheComposeFileInterpolatesIsDocumentedInTheEnvExample() {
        String compose = ReactorServices.read(ReactorServices.root().resolve("docker-compose.yml"));
        Map<String, Boolean> interpolated = new LinkedHashMap<>();
        Matcher matcher = INTERPOLATION.matcher(compose);
        while (matcher.find()) {
            interpolated.merge(
                    matcher.group(1),
                    matcher.group(2) != null && matcher.group(2).endsWith("?"),
                    Boolean::logicalOr);
        }
        Set<String> documented = ReactorServices.read(ReactorServices.root().resolve(".env.example"))
                .lines()
                .filter(line -> line.matches("[A-Z][A-Z0-9_]*=.*"))
                .map(line -> line.substring(0, line.indexOf('=')))
                .collect(Collectors.toSet());
        assertThat(documented).containsAll(interpolated.keySet());
        // Secrets have no default in the compose file: a forgotten .env fails loudly instead of using "guest".
        List<String> secretsWithDefaults = new ArrayList<>();
        interpolated.forEach((name, required) -> {
            if (name.matches(".*(PASSWORD|SECRET).*") && !required) {
                secretsWithDefaults.add(name);
            }
        });
        assertThat(secretsWithDefaults).isEmpty();
    }

    private static List<String> names() {
        return services.stream().map(Service::name).toList();
    }

    private static Map<String, Object> environment(String container) {
        Map<String, Object> environment = new LinkedHashMap<>();
        map(containers.get(container), "environment")
                .forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> node, String key) {
        Object value = node.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> node, String key) {
        Object value = node.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    static String property(String pom, String name) {
        Matcher matcher =
                Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(matcher.find()).as(name).isTrue();
        return matcher.group(1).trim();
    }
}
