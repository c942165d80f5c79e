package com.chatbotsaas.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.e2e.deploy.ReactorServices.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Dockerfile at the repository root that builds every service's image ({@code --build-arg SERVICE=<module>
 * --build-arg PORT=<port>}): no engine builds images here, so its instructions are checked instead.
 */
class DockerfilesTest {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?");

    @Test
    void oneMultiStageDockerfileOnTemurin25WithALayeredJarBuildsTheServiceNamedByItsBuildArgument() {
        String dockerfile = dockerfile();
        List<String> images =
                FROM.matcher(dockerfile).results().map(m -> m.group(1)).toList();
        assertThat(images).hasSizeGreaterThanOrEqualTo(2);
        assertThat(images.getFirst()).isEqualTo("eclipse-temurin:25-jdk");
        assertThat(images.getLast()).as("the runtime is a JRE").isEqualTo("eclipse-temurin:25-jre");
        assertThat(dockerfile)
                .as("no default service: a build without SERVICE and PORT fails instead of building the gateway")
                .containsPattern("(?m)^ARG SERVICE$")
                .containsPattern("(?m)^ARG PORT$")
                .contains("-pl \"$SERVICE\" -am")
                .contains("java -Djarmode=tools -jar app.jar extract --layers --destination /extracted")
                .contains("-jar /app/app.jar");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(dockerfile).contains("COPY --from=extract /extracted/" + layer + "/ ./");
        }
    }

    @Test
    void noServiceKeepsADockerfileOfItsOwn() {
        for (Service service : ReactorServices.all()) {
            assertThat(ReactorServices.root().resolve(service.name()).resolve("Dockerfile"))
                    .as(service.name() + " is built from the root Dockerfile")
                    .doesNotExist();
        }
        String ignore = ReactorServices.read(ReactorServices.root().resolve(".dockerignore"));
        assertThat(ignore).contains("**/target/").contains(".git/").contains(".env");
    }

    @Test
    void theBuildChecksThePortAgainstTheServicesOwnConfiguration() {
        String dockerfile = dockerfile();
        assertThat(dockerfile)
                .contains("grep -q \"port: \\${SERVER_PORT:$PORT}\" \"$SERVICE/src/main/resources/application.yml\"");
        // What that check reads is there, in that form, for every service.
        for (Service service : ReactorServices.all()) {
            assertThat(ReactorServices.read(
                            ReactorServices.root().resolve(service.name() + "/src/main/resources/application.yml")))
                    .as(service.name())
                    .contains("port: ${SERVER_PORT:" + service.port() + "}");
        }
    }

    @Test
    void imagesRunAsAnUnprivilegedUserWithAHealthcheckOnReadiness() {
        String runtime = runtimeStage(dockerfile());
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)(?::(\\d+))?").matcher(runtime);
        assertThat(user.find()).as("USER").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
        assertThat(runtime)
                .contains("ARG SERVICE\n")
                .contains("ARG PORT\n")
                .contains("HEALTHCHECK ")
                .contains("/actuator/health/readiness")
                .contains("SERVER_PORT=$PORT")
                .contains("EXPOSE $PORT");
        // Nothing after USER switches back to root.
        assertThat(runtime.substring(user.end())).doesNotContainPattern("(?m)^USER\\s");
    }

    @Test
    void theOpenTelemetryAgentIsInTheImageAndSwitchedOnByEnvironment() {
        String runtime = runtimeStage(dockerfile());
        assertThat(runtime)
                .contains("/opt/otel/opentelemetry-javaagent.jar")
                .contains("-javaagent:/opt/otel/opentelemetry-javaagent.jar")
                .contains("OTEL_JAVAAGENT_ENABLED=false")
                .contains("OTEL_SERVICE_NAME=$SERVICE");
        // The agent the images copy is the one the build fetches: the version lives in platform-bom only.
        String root = ReactorServices.read(ReactorServices.root().resolve("pom.xml"));
        assertThat(root).contains("<artifactId>opentelemetry-javaagent</artifactId>");
        String bom = ReactorServices.read(ReactorServices.root().resolve("platform-bom/pom.xml"));
        assertThat(ComposeFileTest.property(bom, "opentelemetry-javaagent.version"))
                .matches("2\\.\\d+\\.\\d+");
    }

    @Test
    void everyImageStartsWithAnAotCacheTrainedWhenItWasBuiltOnTheClassPathItRunsWith() {
        String runtime = runtimeStage(dockerfile());
        // The launcher's own class loader would load every application class past the cache: app.jar and lib/.
        assertThat(dockerfile()).doesNotContain("--launcher").doesNotContain("JarLauncher");
        Matcher training =
                Pattern.compile("\\nRUN ((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(runtime);
        String run = null;
        while (training.find()) {
            if (training.group(1).contains("-XX:AOTCacheOutput=")) {
                run = training.group(1);
                assertThat(training.start())
                        .as("trained after every application layer is in place: a later change of the class path"
                                + " would make the JVM refuse the cache")
                        .isGreaterThan(runtime.lastIndexOf("COPY --from=extract"));
            }
        }
        assertThat(run).as("a training run in the runtime stage").isNotNull();
        Matcher output = Pattern.compile("-XX:AOTCacheOutput=(\\S+)").matcher(run);
        assertThat(output.find()).isTrue();
        String cache = output.group(1);
        assertThat(run)
                .as("the context is refreshed, then the JVM exits and writes the cache")
                .contains("-Dspring.context.exit=onRefresh")
                .as("from the build's generated context code, as every start: the classes a start loads")
                .contains("-Dspring.aot.enabled=true")
                .contains("-jar /app/app.jar")
                .as("no database at image build time: no migration, no JDBC metadata")
                .contains("-Dspring.flyway.enabled=false")
                .contains("-Dspring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false")
                .contains("test -s " + cache);
        assertThat(aotCachePath())
                .as("the image's AOT_CACHE is the file the training run wrote")
                .isEqualTo(cache);
        assertThat(runtime)
                .contains("${AOT_CACHE:+-XX:AOTCache=$AOT_CACHE}")
                .contains("-Dspring.aot.enabled=${SPRING_AOT:-true}")
                .containsPattern("(?m)^\\s+SPRING_AOT=true( \\\\)?$")
                .as("the same class path as the training run")
                .containsPattern("ENTRYPOINT .*-XX:AOTCache=.* -jar /app/app\\.jar");
        // The training run's throwaway keys stay out of the image's environment.
        Matcher env = Pattern.compile("\\nENV ((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(runtime);
        while (env.find()) {
            assertThat(env.group(1)).doesNotContain("SECRET").doesNotContain("_KEY");
        }
    }

    /**
     * The entrypoint's own shell script, run by {@code sh} with a {@code java} on the path that prints its arguments:
     * with tracing on the agent is attached and the AOT cache left out (an agent's JVM maps no application class from
     * it, and refuses one trained without the agent), with tracing off the cache is mapped and no agent attached.
     */
    @Test
    void theImageStartsWithTheTracingAgentOrWithItsAotCacheNeverBoth(@TempDir Path bin) throws Exception {
        Matcher line = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$").matcher(runtimeStage(dockerfile()));
        assertThat(line.find()).as("ENTRYPOINT in exec form").isTrue();
        List<String> entrypoint = List.of(JsonMapper.builder().build().readValue(line.group(1), String[].class));
        assertThat(entrypoint).startsWith("sh", "-c").endsWith("--").hasSize(4);
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();

        List<String> traced = start(entrypoint, bin, "true");
        assertThat(traced)
                .contains("-javaagent:/opt/otel/opentelemetry-javaagent.jar")
                .noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
        List<String> untraced = start(entrypoint, bin, "false");
        assertThat(untraced)
                .contains("-XX:AOTCache=" + aotCachePath(), "-Dspring.aot.enabled=true", "-XX:MaxRAMPercentage=75")
                .noneMatch(argument -> argument.contains("javaagent"));
        assertThat(untraced.subList(untraced.indexOf("-jar"), untraced.size()))
                .as("the container's arguments go to the application")
                .containsExactly("-jar", "/app/app.jar", "--logging.level.root=WARN");
    }

    private static List<String> start(List<String> entrypoint, Path bin, String tracing) throws Exception {
        List<String> command = new ArrayList<>(entrypoint);
        command.add("--logging.level.root=WARN");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", bin + ":/usr/bin:/bin");
        environment.put("OTEL_JAVAAGENT_ENABLED", tracing);
        environment.put("AOT_CACHE", aotCachePath());
        environment.put("SPRING_AOT", "true");
        environment.put("JAVA_OPTS", "-XX:MaxRAMPercentage=75");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines().toList();
    }

    /** Every service's jar holds the context code the images start from (the build's process-aot). */
    @Test
    void everyServiceIsBuiltWithItsGeneratedContextCode() {
        String root = ReactorServices.read(ReactorServices.root().resolve("pom.xml"));
        assertThat(root).contains("<goal>process-aot</goal>");
        assertThat(ReactorServices.all()).hasSize(6);
        for (Service service : ReactorServices.all()) {
            assertThat(ReactorServices.read(
                            ReactorServices.root().resolve(service.name()).resolve("pom.xml")))
                    .as(service.name())
                    .doesNotContain("spring-boot.aot.skip");
        }
    }

    /** The AOT cache every image's JVM starts with (its {@code AOT_CACHE} environment variable). */
    static String aotCachePath() {
        Matcher path = Pattern.compile("(?m)^\\s+AOT_CACHE=(\\S+?)( \\\\)?$").matcher(runtimeStage(dockerfile()));
        assertThat(path.find()).as("ENV AOT_CACHE in the runtime stage").isTrue();
        return path.group(1);
    }

    private static String runtimeStage(String dockerfile) {
        int last = dockerfile.lastIndexOf("\nFROM ");
        assertThat(last).isPositive();
        return dockerfile.substring(last);
    }

    static String dockerfile() {
        return ReactorServices.read(ReactorServices.root().resolve("Dockerfile"));
    }
}
