package com.chatbotsaas.platform.test.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromiumTest {

    @Test
    void aMissingBrowserFailsNamingThePackagesToInstall(@TempDir Path dir) {
        Path missing = dir.resolve("chromium");

        assertThatIllegalStateException()
                .isThrownBy(() -> Chromium.requireExecutable(missing))
                .withMessageContaining(missing.toString())
                .withMessageContaining("apt-get install -y --no-install-recommends chromium chromium-driver");
    }

    @Test
    void continuousIntegrationInstallsThePackagesBeforeTheTests() throws Exception {
        String ci = Files.readString(ProjectPaths.root().resolve(".ci/run"));

        assertThat(ci).contains("apt-get install -y --no-install-recommends " + String.join(" ", Chromium.PACKAGES));
        assertThat(ci.indexOf("apt-get install")).isLessThan(ci.indexOf("./mvnw"));
    }
}
