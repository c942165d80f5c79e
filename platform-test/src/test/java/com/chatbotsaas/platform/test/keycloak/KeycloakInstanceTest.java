package com.chatbotsaas.platform.test.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bin/platform} runs {@link KeycloakInstance} straight from its source file, with nothing but the JDK. */
class KeycloakInstanceTest {

    @Test
    void runsFromItsSourceFileWithNothingButTheJdk() throws IOException, InterruptedException {
        Path source = Path.of("src/main/java/com/chatbotsaas/platform/test/keycloak/KeycloakInstance.java")
                .toAbsolutePath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The source launcher compiles every class the file references from the source tree: none may need a library.
        Process process = new ProcessBuilder(java.toString(), source.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).doesNotContain("error:").contains("usage: KeycloakInstance prepare|stop");
        assertThat(process.exitValue()).isEqualTo(2);
    }
}
