package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.gateway.console.ConsolePages;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleIT extends GatewayIntegrationTest {

    @Test
    void everyPagePathAnswersTheConsoleShellWithoutATokenAndWithAStrictContentSecurityPolicy() {
        for (String path : List.of(
                "/",
                "/login",
                "/register",
                "/password/forgot",
                "/password/reset?token=abc&email=ada%40example.com",
                "/invitations/CQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJyg",
                "/organizations/0199e0a0-0000-7000-8000-000000000001/webhooks/0199e0a0-0000-7000-8000-000000000002")) {
            ApiResult page = gateway().withHeader("Accept", "text/html").get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(page.raw()).as(path).contains("<script type=\"module\" src=\"/assets/console.js\">");
            String policy = page.header("Content-Security-Policy");
            assertThat(policy).as(path).isEqualTo(ConsolePages.CONTENT_SECURITY_POLICY);
            assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    @Test
    void assetsAreServedFromTheConsoleAndAnUnknownOneIsTheGateways404() {
        ApiResult script = gateway().get("/assets/console.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).contains("javascript");
        assertThat(script.raw()).contains("function route()");
        assertThat(script.header("Content-Security-Policy")).isEqualTo(ConsolePages.CONTENT_SECURITY_POLICY);
        assertThat(gateway().get("/assets/console.css").header("Content-Type")).startsWith("text/css");

        ApiResult missing = gateway().get("/assets/nothing.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("error_code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void apiManagementAndInternalPathsAndOddSpellingsAreNeverConsolePages() {
        for (String path : List.of(
                "/api/v1/nothing-here",
                "/api",
                "/internal/v1/organizations/0199e0a0-0000-7000-8000-000000000001/access",
                "/%61pi/v1/nothing-here",
                "/login/../internal/x",
                "/widget.js/x")) {
            ApiResult result = gateway().get(path);
            assertThat(result.raw()).as(path).doesNotContain("console.js");
            assertThat(result.status()).as(path).isIn(400, 401, 404);
        }
        // Writing to a page path is not reading the console: it is refused like any unknown request.
        assertThat(gateway().post("/login", null).raw()).doesNotContain("console.js");
        assertThat(gateway().get("/api/v1/organizations").status()).isEqualTo(401);
    }
}
