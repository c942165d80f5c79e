package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration keeps its word. Every key of the project's own properties ({@code platform.*} and each service's
 * prefix) set in an {@code application.yml} or the starter's defaults exists in the metadata that the configuration
 * processor writes from the {@code @ConfigurationProperties} records (or that a module adds for a property read
 * otherwise): a misspelled key would be ignored without a word. And every environment variable those files read is
 * documented in the README or a module's documentation.
 */
class ConfigurationMetadataTest {

    private static final Map<String, String> MODULES = Map.of(
            "gateway", "gateway",
            "auth-service", "auth",
            "user-org-service", "userorg",
            "chatbot-service", "chatbot",
            "audit-service", "audit",
            "notification-service", "notification");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern DOCUMENTED = Pattern.compile("`([A-Z0-9_{},*<>]*[A-Z][A-Z0-9_{},*<>]*)`");

    @Test
    void everyOwnPropertySetInConfigurationIsDeclared() {
        Map<String, String> starter = metadata("platform-starter");
        List<String> undeclared = new ArrayList<>();
        for (String key : ownKeys(defaults(), "platform.", null)) {
            if (!declared(key, starter)) {
                undeclared.add("platform-starter: " + key);
            }
        }
        MODULES.forEach((module, prefix) -> {
            Map<String, String> known = new HashMap<>(starter);
            known.putAll(metadata(module));
            for (String key : ownKeys(applicationYml(module), "platform.", prefix + ".")) {
                if (!declared(key, known)) {
                    undeclared.add(module + ": " + key);
                }
            }
        });
        assertThat(undeclared)
                .as("keys set in configuration that no @ConfigurationProperties record or metadata file declares")
                .isEmpty();
    }

    @Test
    void everyEnvironmentVariableIsDocumented() throws IOException {
        List<Pattern> documented = documentedVariables();
        Set<String> missing = new TreeSet<>();
        List<Path> sources = new ArrayList<>();
        sources.add(defaults());
        MODULES.keySet().forEach(module -> sources.add(applicationYml(module)));
        for (Path source : sources) {
            Matcher variables = VARIABLE.matcher(Files.readString(source));
            while (variables.find()) {
                String name = variables.group(1);
                if (documented.stream().noneMatch(p -> p.matcher(name).matches())) {
                    missing.add(name + " (" + root().relativize(source) + ")");
                }
            }
        }
        assertThat(missing)
                .as("environment variables read by the configuration that no README or docs/ page names")
                .isEmpty();
    }

    /** A key is declared when it is a property, or lies inside a map or list property ({@code a.b.<key>}). */
    private static boolean declared(String key, Map<String, String> properties) {
        if (properties.containsKey(key)) {
            return true;
        }
        return properties.entrySet().stream()
                .anyMatch(p -> key.startsWith(p.getKey() + ".")
                        && (p.getValue().startsWith("java.util.Map")
                                || p.getValue().startsWith("java.util.List")));
    }

    /** The name of every property of a module's metadata, with its type. */
    private static Map<String, String> metadata(String module) {
        Path file = root().resolve(module).resolve("target/classes/META-INF/spring-configuration-metadata.json");
        assertThat(file)
                .as("built by the configuration processor before this module's tests")
                .exists();
        Map<String, String> properties = new HashMap<>();
        JsonNode json = JsonMapper.builder().build().readTree(file.toFile());
        for (JsonNode property : json.path("properties")) {
            properties.put(
                    property.path("name").asString(), property.path("type").asString(""));
        }
        return properties;
    }

    private static List<String> ownKeys(Path yml, String platform, String service) {
        List<String> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(yml)) {
            for (Object document : new Yaml().loadAll(in)) {
                flatten("", document, keys);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys.stream()
                .filter(k -> k.startsWith(platform) || (service != null && k.startsWith(service)))
                .toList();
    }

    private static void flatten(String prefix, Object node, List<String> keys) {
        if (node instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, keys));
        } else if (!prefix.isEmpty()) {
            keys.add(prefix);
        }
    }

    /**
     * The variables the documentation names, as patterns: {@code A_{B,C}_D} for alternatives, {@code *} and
     * {@code <NAME>} for a part.
     */
    private static List<Pattern> documentedVariables() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(root().resolve("README.md")));
        try (Stream<Path> files = Files.list(root())) {
            files.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).forEach(pages::add);
        }
        try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        List<Pattern> patterns = new ArrayList<>();
        for (Path page : pages) {
            Matcher names = DOCUMENTED.matcher(Files.readString(page));
            while (names.find()) {
                String regex = names.group(1)
                        .replaceAll("<[^>]*>", "[A-Z0-9_]+")
                        .replace("*", "[A-Z0-9_]*")
                        .replace("{", "(")
                        .replace("}", ")")
                        .replace(",", "|");
                patterns.add(Pattern.compile(regex));
            }
        }
        return patterns;
    }

    private static Path defaults() {
        return root().resolve("platform-starter/src/main/resources/platform-defaults.yml");
    }

    private static Path applicationYml(String module) {
        return root().resolve(module).resolve("src/main/resources/application.yml");
    }

    private static Path root() {
        return ProjectPaths.root();
    }
}
