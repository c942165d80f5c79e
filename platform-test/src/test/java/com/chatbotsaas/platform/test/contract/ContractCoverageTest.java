package com.chatbotsaas.platform.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Every event a service emits has its contract, and its name is written once. Each service names its actions in one
 * {@code Actions} class (a constant per action or private message); {@code @Audited} and {@code PlatformEvent.of} /
 * {@code message} use these constants, never a literal, and every constant is used. Each audited or hand-built action
 * (and the gateway's denials) has a data schema and at least one example that validates in {@code contracts/events},
 * and each private message type ({@code PlatformEvent.message}) an example in {@code contracts/messages}. Read from the
 * services' sources, so a new action without a contract fails here.
 */
class ContractCoverageTest {

    private static final Pattern CONSTANT =
            Pattern.compile("public static final String ([A-Z][A-Z0-9_]*)\\s*=\\s*\"([a-z_.]+)\"\\s*;");
    private static final Pattern LITERAL = Pattern.compile(
            "@Audited\\(\\s*action\\s*=\\s*\"([^\"]*)\"|PlatformEvent\\.(?:of|message)\\(\\s*\"([^\"]*)\"");
    private static final Pattern NAMED =
            Pattern.compile("@Audited\\(\\s*action\\s*=\\s*(\\S[^,)]*)|PlatformEvent\\.(of|message)\\(\\s*(\\S[^,)]*)");
    private static final Pattern REFERENCE = Pattern.compile("^Actions\\.([A-Z][A-Z0-9_]*)$");
    private static final Pattern USE = Pattern.compile("\\bActions\\.([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern GATEWAY_ACTION = Pattern.compile("static final String ACTION\\s*=\\s*\"([a-z_.]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per module, the constants of its {@code Actions}: constant name to action name. */
    private static final Map<String, Map<String, String>> constants = new TreeMap<>();
    /** Per module, the {@code Actions} constants its code refers to. */
    private static final Map<String, Set<String>> used = new TreeMap<>();

    private static final Map<String, Set<Path>> actions = new TreeMap<>();
    private static final Map<String, Set<Path>> messageTypes = new TreeMap<>();
    private static final List<String> namingProblems = new ArrayList<>();

    @BeforeAll
    static void readSources() throws IOException {
        Path root = ProjectPaths.root();
        try (Stream<Path> files = Files.walk(root, 1)) {
            for (Path module : files.filter(p -> Files.isDirectory(p.resolve("src/main/java")))
                    .sorted()
                    .toList()) {
                readModule(root, module);
            }
        }
        actions.keySet().removeAll(messageTypes.keySet());
    }

    private static void readModule(Path root, Path module) throws IOException {
        String name = module.getFileName().toString();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(module.resolve("src/main/java"))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Map<String, String> named = new LinkedHashMap<>();
        Path actionsFile = root.relativize(module);
        for (Path source : sources) {
            if (isActions(source)) {
                actionsFile = root.relativize(source);
                Matcher matcher = CONSTANT.matcher(Files.readString(source));
                while (matcher.find()) {
                    named.put(matcher.group(1), matcher.group(2));
                }
            }
        }
        if (!named.isEmpty()) {
            constants.put(name, named);
        }
        Set<String> usedHere = used.computeIfAbsent(name, k -> new TreeSet<>());
        for (Path source : sources) {
            if (isActions(source)) {
                continue;
            }
            String text = Files.readString(source);
            Path relative = root.relativize(source);
            Matcher literal = LITERAL.matcher(text);
            while (literal.find()) {
                String value = literal.group(1) != null ? literal.group(1) : literal.group(2);
                namingProblems.add(
                        relative + ": literal action name \"" + value + "\": use a constant of the service's Actions");
            }
            Matcher matcher = NAMED.matcher(text);
            while (matcher.find()) {
                boolean message = "message".equals(matcher.group(2));
                String argument = (matcher.group(1) != null ? matcher.group(1) : matcher.group(3)).strip();
                if (argument.startsWith("\"")) {
                    continue; // a literal, reported above
                }
                Matcher reference = REFERENCE.matcher(argument);
                String action = reference.matches() ? named.get(reference.group(1)) : null;
                if (action != null) {
                    (message ? messageTypes : actions)
                            .computeIfAbsent(action, k -> new TreeSet<>())
                            .add(relative);
                } else if (!named.isEmpty()) {
                    // The platform's own code passes names along; a service names each of its events itself.
                    namingProblems.add(relative + ": " + argument + " is not a constant of " + name + "'s Actions");
                }
            }
            text.lines()
                    .filter(line -> !line.startsWith("import "))
                    .forEach(line -> USE.matcher(line).results().forEach(r -> usedHere.add(r.group(1))));
            Matcher gateway = GATEWAY_ACTION.matcher(text);
            while (gateway.find()) {
                actions.computeIfAbsent(gateway.group(1), k -> new TreeSet<>()).add(relative);
            }
        }
        // Every constant needs its contract, even one not (yet) seen in @Audited or PlatformEvent.of/message.
        for (String action : named.values()) {
            if (!messageTypes.containsKey(action)) {
                actions.computeIfAbsent(action, k -> new TreeSet<>()).add(actionsFile);
            }
        }
    }

    private static boolean isActions(Path source) {
        return source.getFileName().toString().equals("Actions.java");
    }

    @Test
    void theSourcesWereRead() {
        // A pattern that stopped matching would make the checks below pass on nothing.
        assertThat(constants)
                .containsKeys(
                        "auth-service", "user-org-service", "chatbot-service", "notification-service", "audit-service");
        assertThat(constants.get("chatbot-service")).containsEntry("CHATBOT_CREATE", "chatbot.create");
        assertThat(actions).containsKeys("org.create", "conversation.message.reply", "gateway.request.deny");
        assertThat(actions.size()).isGreaterThanOrEqualTo(40);
        assertThat(messageTypes)
                .containsOnlyKeys(
                        "notification.invitation",
                        "auth.email.verification_requested",
                        "auth.password.reset_requested");
    }

    @Test
    void actionNamesAreActionsConstantsNeverLiterals() {
        assertThat(namingProblems).isEmpty();
    }

    @Test
    void everyActionsConstantIsUsed() {
        List<String> unused = new ArrayList<>();
        constants.forEach((module, named) -> named.keySet().stream()
                .filter(constant -> !used.get(module).contains(constant))
                .forEach(constant -> unused.add(module + ": Actions." + constant + " is never used")));
        assertThat(unused).isEmpty();
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
