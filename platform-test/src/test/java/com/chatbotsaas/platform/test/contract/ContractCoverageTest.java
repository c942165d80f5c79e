package com.chatbotsaas.platform.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every event a service emits has its contract: each audited action ({@code @Audited}) and each hand-built event
 * ({@code PlatformEvent.of}, the gateway's denials) has a data schema and at least one example that validates, and each
 * private message type ({@code PlatformEvent.message}) has an example in {@code contracts/messages}. Read from the
 * services' sources, so a new action without a contract fails here.
 */
class ContractCoverageTest {

    private static final Pattern AUDITED = Pattern.compile("@Audited\\(\\s*action\\s*=\\s*\"([a-z_.]+)\"");
    private static final Pattern BUILT = Pattern.compile("PlatformEvent\\.of\\(\\s*\"([a-z_.]+)\"");
    private static final Pattern ACTION_CONSTANT = Pattern.compile("static final String ACTION\\s*=\\s*\"([a-z_.]+)\"");
    private static final Pattern MESSAGE = Pattern.compile(
            "PlatformEvent\\.message\\(\\s*\"([a-z_.]+)\"|PlatformEvent\\.TYPE_PREFIX\\s*\\+\\s*\"([a-z_.]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Set<Path>> actions = new TreeMap<>();
    private static final Map<String, Set<Path>> messageTypes = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        Path root = ProjectPaths.root();
        try (Stream<Path> files = Files.walk(root, 1)) {
            for (Path module : files.filter(p -> Files.isDirectory(p.resolve("src/main/java")))
                    .toList()) {
                try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
                    for (Path source :
                            sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                        String text = Files.readString(source);
                        Path relative = root.relativize(source);
                        collect(AUDITED, text, relative, actions);
                        collect(BUILT, text, relative, actions);
                        collect(ACTION_CONSTANT, text, relative, actions);
                        collect(MESSAGE, text, relative, messageTypes);
                    }
                }
            }
        }
    }

    @Test
    void theSourcesWereRead() {
        // A pattern that stopped matching would make the checks below pass on nothing.
        assertThat(actions).containsKeys("org.create", "conversation.message.reply", "gateway.request.deny");
        assertThat(actions.size()).isGreaterThanOrEqualTo(40);
        assertThat(messageTypes).containsKey("notification.invitation");
    }

    @Test
    void everyActionHasADataSchemaAndAValidExample() {
        Path contracts = ProjectPaths.root().resolve("contracts/events");
        List<String> problems = new ArrayList<>();
        actions.forEach((action, sources) -> {
            if (!Files.exists(contracts.resolve("data/" + action + ".schema.json"))) {
                problems.add(action + " (" + sources + "): no data/" + action + ".schema.json");
            }
            List<String> examples = examplesOf(contracts.resolve("examples"), action);
            if (examples.isEmpty()) {
                problems.add(action + " (" + sources + "): no examples/" + action + ".<outcome>.json");
            }
            for (String example : examples) {
                String text = EventContracts.example(example);
                EventContracts.violations(text).forEach(v -> problems.add(example + ": " + v));
                if (!("com.chatbotsaas." + action).equals(type(text))) {
                    problems.add(example + ": type is " + type(text));
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPrivateMessageTypeHasAValidExample() {
        Path examples = ProjectPaths.root().resolve("contracts/messages/examples");
        Map<String, String> exampleByType = new TreeMap<>();
        try (Stream<Path> files = Files.list(examples)) {
            files.forEach(file -> {
                String name = file.getFileName().toString().replace(".json", "");
                exampleByType.put(type(MessageContracts.example(name)), name);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        messageTypes.forEach((type, sources) -> {
            String example = exampleByType.get("com.chatbotsaas." + type);
            if (example == null) {
                problems.add(type + " (" + sources + "): no example in contracts/messages/examples");
            } else {
                problems.addAll(MessageContracts.violations(example, MessageContracts.example(example)));
            }
        });
        assertThat(problems).isEmpty();
    }

    private static void collect(Pattern pattern, String text, Path source, Map<String, Set<Path>> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(matcher.groupCount());
            into.computeIfAbsent(name, k -> new TreeSet<>()).add(source);
        }
    }

    private static List<String> examplesOf(Path dir, String action) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString().replace(".json", ""))
                    .filter(name -> name.equals(action + ".success") || name.equals(action + ".failure"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String json) {
        try {
            return JSON.readTree(json).path("type").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
