package com.chatbotsaas.e2e.deploy;

import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployable services of the reactor, read from the build itself (root pom modules that build a Spring Boot
 * application), with the port and the environment variables their configuration reads.
 */
final class ReactorServices {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|SECRET|USERNAME).*");

    private ReactorServices() {}

    static Path root() {
        return ProjectPaths.root();
    }

    static List<Service> all() {
        List<Service> services = new ArrayList<>();
        for (String module : modules()) {
            Path dir = root().resolve(module);
            Path yml = dir.resolve("src/main/resources/application.yml");
            String pom = read(dir.resolve("pom.xml"));
            if (!Files.exists(yml) || !pom.contains("<artifactId>spring-boot-maven-plugin</artifactId>")) {
                continue;
            }
            List<String> configuration = new ArrayList<>(scalars(read(yml)));
            if (pom.contains("<artifactId>platform-starter</artifactId>")) {
                configuration.addAll(
                        scalars(read(root().resolve("platform-starter/src/main/resources/platform-defaults.yml"))));
            }
            List<Placeholder> placeholders = new ArrayList<>();
            configuration.forEach(value -> placeholders.addAll(Placeholder.parse(value)));
            services.add(new Service(module, port(read(yml)), placeholders));
        }
        return services;
    }

    private static List<String> modules() {
        List<String> modules = new ArrayList<>();
        Matcher matcher = MODULE.matcher(read(root().resolve("pom.xml")));
        while (matcher.find()) {
            modules.add(matcher.group(1).trim());
        }
        return modules;
    }

    @SuppressWarnings("unchecked")
    private static int port(String yml) {
        Map<String, Object> document = new Yaml().load(yml);
        Object port = ((Map<String, Object>) document.get("server")).get("port");
        List<Placeholder> placeholders = Placeholder.parse(String.valueOf(port));
        String value = placeholders.isEmpty()
                ? String.valueOf(port)
                : String.valueOf(placeholders.getFirst().defaultValue());
        return Integer.parseInt(value);
    }

    /** Every string value of every YAML document (map values and list items, any depth). */
    static List<String> scalars(String yml) {
        List<String> values = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yml)) {
            collect(document, values);
        }
        return values;
    }

    private static void collect(@Nullable Object node, List<String> values) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collect(value, values));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collect(value, values));
        } else if (node != null) {
            values.add(String.valueOf(node));
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deployable service: its module (= service name), port and the {@code ${...}} placeholders it reads. */
    record Service(String name, int port, List<Placeholder> placeholders) {

        /** Every environment variable the configuration reads. */
        Set<String> variables() {
            Set<String> names = new LinkedHashSet<>();
            placeholders.forEach(placeholder -> placeholder.collectNames(names));
            return names;
        }

        /**
         * The variables a deployment must set, given the ones it does set: those without a default, those whose
         * default is a local address ({@code localhost}) or a development credential (names with PASSWORD, SECRET,
         * USERNAME), unless the default falls back to another variable that is set.
         */
        Set<String> missingIn(Predicate<String> isSet) {
            Set<String> missing = new LinkedHashSet<>();
            placeholders.forEach(placeholder -> placeholder.collectMissing(isSet, missing));
            return missing;
        }
    }

    /** {@code ${NAME}} or {@code ${NAME:default}}, where the default may hold placeholders itself. */
    record Placeholder(String name, @Nullable String defaultValue) {

        static List<Placeholder> parse(String text) {
            List<Placeholder> found = new ArrayList<>();
            int start = text.indexOf("${");
            while (start >= 0) {
                int depth = 0;
                int end = -1;
                int colon = -1;
                for (int i = start; i < text.length(); i++) {
                    if (text.startsWith("${", i)) {
                        depth++;
                        i++;
                    } else if (text.charAt(i) == '}') {
                        depth--;
                        if (depth == 0) {
                            end = i;
                            break;
                        }
                    } else if (text.charAt(i) == ':' && depth == 1 && colon < 0) {
                        colon = i;
                    }
                }
                if (end < 0) {
                    throw new IllegalArgumentException("unbalanced placeholder in " + text);
                }
                found.add(
                        colon < 0
                                ? new Placeholder(text.substring(start + 2, end), null)
                                : new Placeholder(text.substring(start + 2, colon), text.substring(colon + 1, end)));
                start = text.indexOf("${", end);
            }
            return found;
        }

        boolean isEnvironmentVariable() {
            return ENV_NAME.matcher(name).matches();
        }

        List<Placeholder> nested() {
            return defaultValue == null ? List.of() : parse(defaultValue);
        }

        void collectNames(Set<String> names) {
            if (isEnvironmentVariable()) {
                names.add(name);
            }
            nested().forEach(placeholder -> placeholder.collectNames(names));
        }

        void collectMissing(Predicate<String> isSet, Set<String> missing) {
            if (isEnvironmentVariable() && isSet.test(name)) {
                return;
            }
            List<Placeholder> nested = nested();
            nested.forEach(placeholder -> placeholder.collectMissing(isSet, missing));
            if (!isEnvironmentVariable()) {
                return;
            }
            if (defaultValue == null) {
                missing.add(name);
                return;
            }
            String literal = defaultValue.replaceAll("\\$\\{[^}]*}", "");
            boolean fallsBackToSetVariable = nested.size() == 1
                    && defaultValue.equals("${" + nested.getFirst().name() + "}")
                    && isSet.test(nested.getFirst().name());
            boolean fallsBackToVariableWithDefault = nested.size() == 1
                    && nested.getFirst().isEnvironmentVariable()
                    && defaultValue.startsWith("${" + nested.getFirst().name() + ":")
                    && defaultValue.endsWith("}")
                    && isSet.test(nested.getFirst().name());
            if (literal.contains("localhost") || literal.contains("127.0.0.1")) {
                missing.add(name);
            } else if (SECRET_LIKE.matcher(name).matches()
                    && !fallsBackToSetVariable
                    && !fallsBackToVariableWithDefault) {
                missing.add(name);
            }
        }
    }
}
