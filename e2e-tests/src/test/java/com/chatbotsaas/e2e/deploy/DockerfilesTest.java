package com.chatbotsaas.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.e2e.deploy.ReactorServices.Service;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
                .contains("java -Djarmode=tools -jar app.jar extract --layers --launcher")
                .contains("org.springframework.boot.loader.launch.JarLauncher");
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

    private static String runtimeStage(String dockerfile) {
        int last = dockerfile.lastIndexOf("\nFROM ");
        assertThat(last).isPositive();
        return dockerfile.substring(last);
    }

    static String dockerfile() {
        return ReactorServices.read(ReactorServices.root().resolve("Dockerfile"));
    }
}
