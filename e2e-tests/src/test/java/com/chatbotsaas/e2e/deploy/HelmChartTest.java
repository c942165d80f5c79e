package com.chatbotsaas.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatbotsaas.e2e.deploy.ReactorServices.Service;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart, linted and rendered in-process with helm-java (no helm binary, no cluster), with its default
 * values and with the production example; every rendered manifest is parsed and checked.
 */
@SuppressWarnings("unchecked")
class HelmChartTest {

    private static final Path CHART = ReactorServices.root().resolve("helm");
    private static final Path PRODUCTION = CHART.resolve("examples/production-values.yaml");
    /** The chart's defaults plus the secrets it requires (it has none of its own). */
    private static final Path TEST_SECRETS =
            ReactorServices.root().resolve("e2e-tests/src/test/resources/helm/test-secrets.yaml");
    /** The chart needs 1.30 (native preStop sleep); helm's offline default is older. */
    private static final String KUBE_VERSION = "1.31.0";

    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: [^/]+/(templates/\\S+)$");

    @Test
    void lintsStrictlyClean() {
        LintResult lint = new Helm(chartWithTestSecrets()).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    /** A copy of the chart whose values.yaml holds the test secrets too (lint takes no values file). */
    @SuppressWarnings("unchecked")
    private static Path chartWithTestSecrets() {
        try {
            Path copy = ReactorServices.root().resolve("e2e-tests/target/helm-lint/chatbot-saas");
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(CHART.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Yaml yaml = new Yaml();
            Map<String, Object> values = yaml.load(Files.readString(CHART.resolve("values.yaml")));
            merge(values, yaml.load(Files.readString(TEST_SECRETS)));
            Files.writeString(copy.resolve("values.yaml"), yaml.dump(values));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && into.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) map);
            } else {
                into.put(key, value);
            }
        });
    }

    @Test
    void refusesToRenderWithoutTheSecretsItWouldCreate() {
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withName("chatbot-saas")
                        .withKubeVersion(KUBE_VERSION)
                        .call())
                .hasMessageContaining("is required")
                .hasMessageContaining("the chart has no default secrets");
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withName("chatbot-saas")
                        .withKubeVersion(KUBE_VERSION)
                        .withValuesFile(TEST_SECRETS)
                        .set("services.auth-service.secrets.values.SERVICE_CLIENT_SECRET", "")
                        .call())
                .hasMessageContaining("services.auth-service.secrets.values.SERVICE_CLIENT_SECRET is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void rendersADeploymentServiceAndConfigurationPerService(String values) {
        Rendered rendered = render(values);
        for (Service service : ReactorServices.all()) {
            String name = "chatbot-saas-" + service.name();
            Manifest deployment = rendered.one("Deployment", name);
            Manifest kubeService = rendered.one("Service", name);
            assertThat(rendered.one("ConfigMap", name).string("data", "SERVER_PORT"))
                    .isEqualTo(String.valueOf(service.port()));
            assertThat(kubeService.<Map<String, Object>>list("spec", "ports").getFirst())
                    .containsEntry("port", service.port())
                    .containsEntry("targetPort", "http");
            Map<String, Object> container = container(deployment);
            assertThat(((List<Map<String, Object>>) container.get("ports")).getFirst())
                    .containsEntry("containerPort", service.port());
            assertThat((String) container.get("image")).contains("/" + service.name() + ":");
        }
        assertThat(rendered.ofKind("Deployment")).hasSize(ReactorServices.all().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyDeploymentProbesTheActuatorGroupsWithResourcesAndALockedDownSecurityContext(String values) {
        for (Manifest deployment : render(values).ofKind("Deployment")) {
            String name = deployment.name();
            Map<String, Object> container = container(deployment);
            assertThat(path(container, "livenessProbe", "httpGet", "path"))
                    .as(name)
                    .isEqualTo("/actuator/health/liveness");
            assertThat(path(container, "readinessProbe", "httpGet", "path"))
                    .as(name)
                    .isEqualTo("/actuator/health/readiness");
            assertThat(path(container, "startupProbe", "httpGet", "path"))
                    .as(name)
                    .isNotNull();
            int period = ((Number) path(container, "startupProbe", "periodSeconds")).intValue();
            int threshold = ((Number) path(container, "startupProbe", "failureThreshold")).intValue();
            assertThat(period)
                    .as(name + ": a start of seconds (AOT cache) is noticed within seconds")
                    .isLessThanOrEqualTo(2);
            assertThat(period * threshold)
                    .as(name + ": room for the Flyway migrations of a new version")
                    .isGreaterThanOrEqualTo(300);
            assertThat(path(container, "resources", "requests", "memory"))
                    .as(name)
                    .isNotNull();
            assertThat(path(container, "resources", "limits", "memory"))
                    .as(name)
                    .isNotNull();

            Map<String, Object> pod = deployment.map("spec", "template", "spec");
            assertThat(path(pod, "securityContext", "runAsNonRoot")).as(name).isEqualTo(true);
            assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
            assertThat(path(container, "securityContext", "runAsNonRoot")).isEqualTo(true);
            assertThat(path(container, "securityContext", "readOnlyRootFilesystem"))
                    .isEqualTo(true);
            assertThat(path(container, "securityContext", "allowPrivilegeEscalation"))
                    .isEqualTo(false);
            assertThat(path(container, "securityContext", "capabilities", "drop"))
                    .isEqualTo(List.of("ALL"));
            // The read-only root filesystem leaves /tmp writable through an emptyDir.
            assertThat((List<Map<String, Object>>) container.get("volumeMounts"))
                    .anySatisfy(mount -> assertThat(mount).containsEntry("mountPath", "/tmp"));
            assertThat((List<Map<String, Object>>) pod.get("volumes"))
                    .anySatisfy(volume -> assertThat(volume).containsKey("emptyDir"));

            // Flyway-safe: a new version migrates while the old pods keep serving; never below the desired count.
            assertThat(deployment.object("spec", "strategy", "rollingUpdate", "maxUnavailable"))
                    .isEqualTo(0);
        }
    }

    @Test
    void configurationAndSecretsReachEveryServiceAndCoverWhatItsConfigurationNeeds() {
        SoftAssertions missing = new SoftAssertions();
        for (String values : List.of("defaults", "production")) {
            Rendered rendered = render(values);
            Map<String, Object> common =
                    rendered.one("ConfigMap", "chatbot-saas-common").map("data");
            for (Service service : ReactorServices.all()) {
                Manifest deployment = rendered.one("Deployment", "chatbot-saas-" + service.name());
                Set<String> variables = new HashSet<>(common.keySet());
                variables.addAll(
                        rendered.one("ConfigMap", deployment.name()).map("data").keySet());
                List<Map<String, Object>> envFrom =
                        (List<Map<String, Object>>) container(deployment).get("envFrom");
                List<String> secretNames = envFrom.stream()
                        .filter(source -> source.containsKey("secretRef"))
                        .map(source -> (String) ((Map<String, Object>) source.get("secretRef")).get("name"))
                        .toList();
                assertThat(secretNames).as(deployment.name()).hasSize(2);
                for (String secretName : secretNames) {
                    Manifest secret = rendered.find("Secret", secretName);
                    if (secret != null && secret.object("stringData") instanceof Map<?, ?> data) {
                        variables.addAll((Set<String>) data.keySet());
                    }
                }
                // The keys the chart declares for its Secrets (created from values, or the ones an existingSecret must
                // hold); empty values are left out of a created Secret, so they are read from values.yaml.
                variables.addAll(declaredSecretKeys(service.name()));
                missing.assertThat(service.missingIn(variables::contains))
                        .as(service.name() + " (" + values + ")")
                        .isEmpty();
            }
        }
        missing.assertAll();
    }

    /** The shared Secret's keys and the service's own, as {@code helm/values.yaml} declares them. */
    private static Set<String> declaredSecretKeys(String service) {
        Map<String, Object> values;
        try {
            values = new Yaml().load(Files.readString(ReactorServices.root().resolve("helm/values.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> shared = (Map<String, Object>) ((Map<String, Object>) values.get("secrets")).get("values");
        Map<String, Object> own = (Map<String, Object>) ((Map<String, Object>)
                        ((Map<String, Object>) ((Map<String, Object>) values.get("services")).get(service))
                                .get("secrets"))
                .get("values");
        Set<String> keys = new HashSet<>(shared.keySet());
        keys.addAll(own.keySet());
        return keys;
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyServiceStartsWithTheAotCacheItsImageWasTrainedWith(String values) {
        Map<String, Object> common =
                render(values).one("ConfigMap", "chatbot-saas-common").map("data");
        assertThat(common).containsEntry("AOT_CACHE", DockerfilesTest.aotCachePath());
        assertThat(common).containsEntry("SPRING_AOT", "true");
        // Options that would make every JVM ignore the cache, or train one of its own at each start.
        assertThat((String) common.get("JAVA_OPTS"))
                .doesNotContain("AOTMode")
                .doesNotContain("AOTCacheOutput")
                .doesNotContain("-Xshare:off");
        for (Manifest config : render(values).ofKind("ConfigMap")) {
            assertThat(config.map("data"))
                    .as(config.name())
                    .doesNotContainKeys("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
        }
    }

    /** The gateway carries the trace to the services itself, without the agent's Reactor instrumentation. */
    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void onlyTheGatewayRunsTheTracingAgentWithoutItsReactorInstrumentation(String values) {
        Rendered rendered = render(values);
        assertThat(rendered.one("ConfigMap", "chatbot-saas-common").map("data"))
                .containsEntry("OTEL_JAVAAGENT_ENABLED", "true")
                .doesNotContainKey("OTEL_INSTRUMENTATION_REACTOR_ENABLED");
        assertThat(rendered.one("ConfigMap", "chatbot-saas-gateway").map("data"))
                .containsEntry("OTEL_INSTRUMENTATION_REACTOR_ENABLED", "false");
        assertThat(rendered.one("ConfigMap", "chatbot-saas-user-org-service").map("data"))
                .doesNotContainKey("OTEL_INSTRUMENTATION_REACTOR_ENABLED");
    }

    @Test
    void theAotCacheCanBeSwitchedOff() {
        String output = new Helm(CHART)
                .template()
                .withName("chatbot-saas")
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(TEST_SECRETS)
                .set("aotCache.enabled", "false")
                .call();
        assertThat(Rendered.parse(output)
                        .one("ConfigMap", "chatbot-saas-common")
                        .map("data"))
                .containsEntry("AOT_CACHE", "");
    }

    @Test
    void springAotCanBeSwitchedOff() {
        String output = new Helm(CHART)
                .template()
                .withName("chatbot-saas")
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(TEST_SECRETS)
                .set("springAot.enabled", "false")
                .call();
        assertThat(Rendered.parse(output)
                        .one("ConfigMap", "chatbot-saas-common")
                        .map("data"))
                .containsEntry("SPRING_AOT", "false")
                .containsEntry("AOT_CACHE", DockerfilesTest.aotCachePath());
    }

    @Test
    void productionUsesExistingSecretsAndCreatesNone() {
        Rendered production = render("production");
        assertThat(production.ofKind("Secret")).isEmpty();
        Manifest auth = production.one("Deployment", "chatbot-saas-auth-service");
        assertThat(container(auth).get("envFrom").toString())
                .contains("chatbot-saas-infrastructure")
                .contains("chatbot-saas-auth-service");
        assertThat(render("defaults").ofKind("Secret"))
                .hasSize(1 + ReactorServices.all().size());
    }

    @Test
    void linksInEmailsLeadToTheGatewaysPublicUrl() {
        assertThat(render("production").one("ConfigMap", "chatbot-saas-common").map("data"))
                .containsEntry("PUBLIC_BASE_URL", "https://api.chatbot-saas.example");
        assertThat(render("defaults").one("ConfigMap", "chatbot-saas-common").map("data"))
                .containsEntry("PUBLIC_BASE_URL", "http://api.chatbot-saas.example");
    }

    @Test
    void behindTheProductionIngressTheGatewayBelievesForwardedAddressesFromItOnly() {
        Rendered production = render("production");
        assertThat(production.ofKind("Ingress")).isNotEmpty();
        assertThat(production.one("ConfigMap", "chatbot-saas-gateway").map("data"))
                .containsKey("GATEWAY_TRUSTED_PROXIES");
    }

    @Test
    void onlyTheGatewayIsReachableFromOutsideAndEachServiceReachesOnlyItsDependencies() {
        for (String values : List.of("defaults", "production")) {
            Rendered rendered = render(values);
            Manifest deny = rendered.one("NetworkPolicy", "chatbot-saas-default-deny");
            assertThat(deny.list("spec", "policyTypes")).containsExactly("Ingress", "Egress");
            assertThat(deny.map("spec")).doesNotContainKeys("ingress", "egress");

            for (Service service : ReactorServices.all()) {
                Manifest policy = rendered.one("NetworkPolicy", "chatbot-saas-" + service.name());
                assertThat(policy.map("spec", "podSelector", "matchLabels"))
                        .containsEntry("app.kubernetes.io/component", service.name());
                List<Map<String, Object>> ingress = policy.list("spec", "ingress");
                List<Map<String, Object>> serviceRules = ingress.stream()
                        .filter(rule -> !isMetricsRule(rule, values))
                        .toList();
                if (service.name().equals("gateway")) {
                    assertThat(serviceRules).hasSize(1);
                } else {
                    // Only pods of the suite that call it: never an open rule, never another namespace.
                    for (Map<String, Object> rule : serviceRules) {
                        List<Map<String, Object>> from = (List<Map<String, Object>>) rule.get("from");
                        assertThat(from).as(service.name()).isNotEmpty();
                        assertThat(from).allSatisfy(peer -> assertThat(peer).containsOnlyKeys("podSelector"));
                    }
                }
            }
            // Who calls whom, as values.yaml declares it and as the services are written.
            assertThat(callers(rendered, "user-org-service"))
                    .containsExactlyInAnyOrder("gateway", "chatbot-service", "audit-service", "notification-service");
            assertThat(callers(rendered, "auth-service")).containsExactlyInAnyOrder("gateway", "user-org-service");
            assertThat(callers(rendered, "audit-service")).containsExactly("gateway");
            assertThat(egressPods(rendered, "audit-service")).containsExactly("user-org-service");
            assertThat(egressPods(rendered, "gateway"))
                    .containsExactlyInAnyOrder(
                            "auth-service",
                            "user-org-service",
                            "chatbot-service",
                            "audit-service",
                            "notification-service");
            assertThat(egressPods(rendered, "auth-service")).isEmpty();
        }
    }

    @Test
    void theGatewayIsExposedByAnIngressInProduction() {
        Manifest ingress = render("production").one("Ingress", "chatbot-saas-gateway");
        Map<String, Object> rule =
                (Map<String, Object>) ingress.list("spec", "rules").getFirst();
        assertThat(rule).containsEntry("host", "api.chatbot-saas.example");
        assertThat(ingress.list("spec", "tls")).isNotEmpty();
        assertThat(render("defaults").ofKind("Ingress")).isEmpty();
    }

    @Test
    void autoscalingAndDisruptionBudgetsFollowTheValues() {
        Rendered production = render("production");
        assertThat(production.ofKind("HorizontalPodAutoscaler"))
                .extracting(Manifest::name)
                .containsExactlyInAnyOrder(
                        "chatbot-saas-gateway",
                        "chatbot-saas-auth-service",
                        "chatbot-saas-user-org-service",
                        "chatbot-saas-chatbot-service",
                        "chatbot-saas-notification-service");
        // The HPA owns the replica count.
        assertThat(production.one("Deployment", "chatbot-saas-gateway").map("spec"))
                .doesNotContainKey("replicas");
        assertThat(production.one("Deployment", "chatbot-saas-audit-service").object("spec", "replicas"))
                .isEqualTo(2);
        assertThat(production.ofKind("PodDisruptionBudget"))
                .hasSize(ReactorServices.all().size());
        assertThat(render("defaults").ofKind("HorizontalPodAutoscaler")).isEmpty();
    }

    @Test
    void perServiceResourcesComeFromSharedTemplatesNotCopies() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
            templates = files.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> serviceNames =
                ReactorServices.all().stream().map(Service::name).toList();
        for (Path template : templates) {
            String file = template.getFileName().toString();
            assertThat(serviceNames).noneMatch(file::contains);
            if (file.equals("_helpers.tpl") || file.equals("ingress.yaml") || file.equals("NOTES.txt")) {
                continue;
            }
            String text = Files.readString(template);
            // The ingress is the gateway's alone; nowhere else does a template name a service.
            assertThat(serviceNames).as(file).noneMatch(text::contains);
        }
        String helpers = Files.readString(CHART.resolve("templates/_helpers.tpl"));
        for (String named : List.of("deployment", "service", "hpa", "pdb", "configMap", "secret", "networkPolicy")) {
            assertThat(helpers).contains("{{- define \"chatbot-saas." + named + "\" -}}");
        }
        // Each kind of per-service manifest comes out of one template file.
        Rendered rendered = render("production");
        for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget")) {
            assertThat(rendered.ofKind(kind).stream().map(Manifest::source).distinct())
                    .as(kind)
                    .hasSize(1);
        }
    }

    @Test
    void valuesAreCheckedAgainstTheSchema() {
        assertThat(Files.exists(CHART.resolve("values.schema.json"))).isTrue();
        Throwable rejected = null;
        try {
            new Helm(CHART)
                    .template()
                    .withName("chatbot-saas")
                    .withKubeVersion(KUBE_VERSION)
                    .set("services.gateway.replicas", "many")
                    .call();
        } catch (RuntimeException e) {
            rejected = e;
        }
        assertThat(rejected).as("a replica count that is not a number").isNotNull();
        assertThat(rejected.getMessage()).contains("replicas");
    }

    private static List<String> callers(Rendered rendered, String service) {
        List<String> callers = new ArrayList<>();
        Manifest policy = rendered.one("NetworkPolicy", "chatbot-saas-" + service);
        for (Map<String, Object> rule : policy.<Map<String, Object>>list("spec", "ingress")) {
            List<Map<String, Object>> from = (List<Map<String, Object>>) rule.get("from");
            if (from == null) {
                continue;
            }
            for (Map<String, Object> peer : from) {
                Object component = path(peer, "podSelector", "matchLabels", "app.kubernetes.io/component");
                if (component != null) {
                    callers.add((String) component);
                }
            }
        }
        return callers;
    }

    private static List<String> egressPods(Rendered rendered, String service) {
        List<String> callees = new ArrayList<>();
        Manifest policy = rendered.one("NetworkPolicy", "chatbot-saas-" + service);
        for (Map<String, Object> rule : policy.<Map<String, Object>>list("spec", "egress")) {
            List<Map<String, Object>> to = (List<Map<String, Object>>) rule.get("to");
            if (to == null) {
                continue;
            }
            for (Map<String, Object> peer : to) {
                Object component = path(peer, "podSelector", "matchLabels", "app.kubernetes.io/component");
                if (component != null) {
                    callees.add((String) component);
                }
            }
        }
        return callees;
    }

    private static boolean isMetricsRule(Map<String, Object> rule, String values) {
        Object from = rule.get("from");
        return values.equals("production") && from != null && from.toString().contains("monitoring");
    }

    private static Map<String, Object> container(Manifest deployment) {
        List<Map<String, Object>> containers = deployment.list("spec", "template", "spec", "containers");
        assertThat(containers).as(deployment.name()).hasSize(1);
        return containers.getFirst();
    }

    private static @Nullable Object path(Map<String, Object> node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static final Map<String, Rendered> RENDERED = new LinkedHashMap<>();

    private static synchronized Rendered render(String values) {
        return RENDERED.computeIfAbsent(values, key -> {
            var template = new Helm(CHART)
                    .template()
                    .withName("chatbot-saas")
                    .withNamespace("chatbot-saas")
                    .withKubeVersion(KUBE_VERSION);
            template = template.withValuesFile(key.equals("production") ? PRODUCTION : TEST_SECRETS);
            String output = template.call();
            try {
                // Kept for reading when a check fails.
                Path target = ReactorServices.root().resolve("e2e-tests/target/helm-" + key + ".yaml");
                Files.createDirectories(target.getParent());
                Files.writeString(target, output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Rendered.parse(output);
        });
    }

    /** The output of {@code helm template}: each manifest with the template file it came from. */
    record Rendered(List<Manifest> manifests) {

        static Rendered parse(String output) {
            List<Manifest> manifests = new ArrayList<>();
            for (String document : output.split("(?m)^---\\s*$")) {
                Matcher source = SOURCE.matcher(document);
                Object parsed = new Yaml().load(document);
                if (parsed instanceof Map<?, ?> map) {
                    manifests.add(new Manifest((Map<String, Object>) map, source.find() ? source.group(1) : "unknown"));
                }
            }
            assertThat(manifests).isNotEmpty();
            return new Rendered(manifests);
        }

        List<Manifest> ofKind(String kind) {
            return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
        }

        @Nullable
        Manifest find(String kind, String name) {
            return ofKind(kind).stream()
                    .filter(m -> m.name().equals(name))
                    .findFirst()
                    .orElse(null);
        }

        Manifest one(String kind, String name) {
            Manifest manifest = find(kind, name);
            assertThat(manifest).as(kind + " " + name).isNotNull();
            return manifest;
        }
    }

    record Manifest(Map<String, Object> body, String source) {

        String kind() {
            return String.valueOf(body.get("kind"));
        }

        String name() {
            return String.valueOf(path(body, "metadata", "name"));
        }

        @Nullable
        Object object(String... keys) {
            return path(body, keys);
        }

        Map<String, Object> map(String... keys) {
            Object value = path(body, keys);
            assertThat(value).as(name() + " " + String.join(".", keys)).isInstanceOf(Map.class);
            return (Map<String, Object>) value;
        }

        <T> List<T> list(String... keys) {
            Object value = path(body, keys);
            assertThat(value).as(name() + " " + String.join(".", keys)).isInstanceOf(List.class);
            return (List<T>) value;
        }

        String string(String... keys) {
            return String.valueOf(path(body, keys));
        }
    }
}
