package com.chatbotsaas.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.e2e.deploy.ReactorServices.Service;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each service's Dockerfile: no engine builds images here, so its instructions are checked instead. They are one
 * template with the service's name and port: the files differ in nothing else.
 */
class DockerfilesTest {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?");

    @Test
    void everyServiceHasAMultiStageDockerfileOnTemurin25WithALayeredJar() {
        for (Service service : ReactorServices.all()) {
            String dockerfile = dockerfile(service);
            List<String> images =
                    FROM.matcher(dockerfile).results().map(m -> m.group(1)).toList();
            assertThat(images).as(service.name()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(images.getFirst()).isEqualTo("eclipse-temurin:25-jdk");
            assertThat(images.getLast()).as("the runtime is a JRE").isEqualTo("eclipse-temurin:25-jre");
            assertThat(dockerfile)
                    .contains("ARG SERVICE=" + service.name() + "\n")
                    .contains("ARG PORT=" + service.port() + "\n")
                    .contains("-pl \"$SERVICE\" -am")
                    .contains("java -Djarmode=tools -jar app.jar extract --layers --launcher")
                    .contains("org.springframework.boot.loader.launch.JarLauncher");
            for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
                assertThat(dockerfile).contains("COPY --from=extract /extracted/" + layer + "/ ./");
            }
        }
    }

    @Test
    void imagesRunAsAnUnprivilegedUserWithAHealthcheckOnReadiness() {
        for (Service service : ReactorServices.all()) {
            String runtime = runtimeStage(dockerfile(service));
            Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)(?::(\\d+))?").matcher(runtime);
            assertThat(user.find()).as(service.name() + " USER").isTrue();
            assertThat(Integer.parseInt(user.group(1))).isPositive();
            assertThat(runtime)
                    .contains("HEALTHCHECK ")
                    .contains("/actuator/health/readiness")
                    .contains("EXPOSE $PORT");
            // Nothing after USER switches back to root.
            assertThat(runtime.substring(user.end())).doesNotContainPattern("(?m)^USER\\s");
        }
    }

    @Test
    void theOpenTelemetryAgentIsInTheImageAndSwitchedOnByEnvironment() {
        for (Service service : ReactorServices.all()) {
            String runtime = runtimeStage(dockerfile(service));
            assertThat(runtime)
                    .contains("/opt/otel/opentelemetry-javaagent.jar")
                    .contains("-javaagent:/opt/otel/opentelemetry-javaagent.jar")
                    .contains("OTEL_JAVAAGENT_ENABLED=false")
                    .contains("OTEL_SERVICE_NAME=$SERVICE");
        }
        // The agent the images copy is the one the build fetches: the version lives in platform-bom only.
        String root = ReactorServices.read(ReactorServices.root().resolve("pom.xml"));
        assertThat(root).contains("<artifactId>opentelemetry-javaagent</artifactId>");
        String bom = ReactorServices.read(ReactorServices.root().resolve("platform-bom/pom.xml"));
        assertThat(ComposeFileTest.property(bom, "opentelemetry-javaagent.version"))
                .matches("2\\.\\d+\\.\\d+");
    }

    @Test
    void theDockerfilesAreOneTemplate() {
        List<Service> services = ReactorServices.all();
        String template = normalised(services.getFirst());
        for (Service service : services) {
            assertThat(normalised(service)).as(service.name()).isEqualTo(template);
        }
        String ignore = ReactorServices.read(ReactorServices.root().resolve(".dockerignore"));
        assertThat(ignore).contains("**/target/").contains(".git/").contains(".env");
    }

    private static String normalised(Service service) {
        return dockerfile(service)
                .replace(service.name(), "<service>")
                .replace(String.valueOf(service.port()), "<port>");
    }

    private static String runtimeStage(String dockerfile) {
        int last = dockerfile.lastIndexOf("\nFROM ");
        assertThat(last).isPositive();
        return dockerfile.substring(last);
    }

    private static String dockerfile(Service service) {
        return ReactorServices.read(
                ReactorServices.root().resolve(service.name()).resolve("Dockerfile"));
    }
}
