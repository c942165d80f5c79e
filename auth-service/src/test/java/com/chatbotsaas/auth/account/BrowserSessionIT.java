package com.chatbotsaas.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.auth.testing.AuthTests;
import com.chatbotsaas.auth.testing.SuiteRecorder;
import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.net.HttpCookie;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console's browser session: the refresh token only ever travels in an HttpOnly, SameSite=Strict cookie. */
@PlatformIntegrationTest
class BrowserSessionIT {

    private static final String SESSION = "/api/v1/auth/session";

    @LocalServerPort
    int port;

    private ApiClient browser;
    private String email;
    private String password;

    @BeforeEach
    void registered() {
        browser = AuthTests.client(port);
        email = AuthTests.email();
        password = AuthTests.password();
        AuthTests.register(browser, email, password);
    }

    @Test
    void signingInSetsTheRefreshTokenAsAnHttpOnlyStrictCookieAndAnswersOnlyTheAccessToken() {
        ApiResult signedIn = console(browser).post(SESSION, Map.of("email", email, "password", password));

        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        assertThat(signedIn.data().path("access_token").asString()).isNotBlank();
        assertThat(signedIn.data().path("user").path("email").asString()).isEqualTo(email);
        assertThat(signedIn.raw()).doesNotContain("refresh_token");
        String setCookie = signedIn.header("Set-Cookie");
        assertThat(setCookie)
                .startsWith("refresh_token=")
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/api/v1/auth/session")
                .contains("Max-Age=")
                // Plain http here: a Secure cookie would never come back.
                .doesNotContain("Secure");
        SuiteRecorder.secret(cookie(signedIn).getValue());
        SuiteRecorder.secret(signedIn.data().path("access_token").asString());

        // Behind https (as the gateway says), the cookie is Secure.
        ApiResult overHttps = console(browser)
                .withHeader("X-Forwarded-Proto", "https")
                .post(SESSION, Map.of("email", email, "password", password));
        assertThat(overHttps.header("Set-Cookie")).contains("Secure");
        SuiteRecorder.secret(cookie(overHttps).getValue());
    }

    @Test
    void theCookieRefreshesAndRotatesAndSigningOutEndsIt() {
        Cookie first = cookie(console(browser).post(SESSION, Map.of("email", email, "password", password)));
        SuiteRecorder.secret(first.getValue());

        ApiResult refreshed =
                console(browser).withHeader("Cookie", first.toString()).post(SESSION + "/refresh", null);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String accessToken = refreshed.data().path("access_token").asString();
        SuiteRecorder.secret(accessToken);
        assertThat(browser.withToken(accessToken)
                        .get("/api/v1/auth/me")
                        .data()
                        .path("email")
                        .asString())
                .isEqualTo(email);
        Cookie second = cookie(refreshed);
        SuiteRecorder.secret(second.getValue());
        assertThat(second.getValue()).isNotEqualTo(first.getValue());
        // Refresh tokens rotate: the first one is spent.
        assertThat(console(browser)
                        .withHeader("Cookie", first.toString())
                        .post(SESSION + "/refresh", null)
                        .status())
                .isIn(400, 401);

        Cookie current = cookie(console(browser).post(SESSION, Map.of("email", email, "password", password)));
        SuiteRecorder.secret(current.getValue());
        ApiResult signedOut =
                console(browser).withHeader("Cookie", current.toString()).delete(SESSION);
        assertThat(signedOut.status()).isEqualTo(204);
        assertThat(signedOut.header("Set-Cookie")).startsWith("refresh_token=;").contains("Max-Age=0");
        assertThat(console(browser)
                        .withHeader("Cookie", current.toString())
                        .post(SESSION + "/refresh", null)
                        .status())
                .isIn(400, 401);
    }

    @Test
    void withoutTheConsoleHeaderOrTheCookieNothingHappens() {
        ApiResult noHeader = browser.post(SESSION, Map.of("email", email, "password", password));
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.header("Set-Cookie")).isNull();
        assertThat(noHeader.body().path("error_code").asString()).isEqualTo("FORBIDDEN");

        ApiResult noCookie = console(browser).post(SESSION + "/refresh", null);
        assertThat(noCookie.status()).isEqualTo(401);
        assertThat(noCookie.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    private static ApiClient console(ApiClient client) {
        return client.withHeader("X-Console", "1");
    }

    /** The cookie a response sets, as a browser sends it back: {@code name=value}. */
    private static Cookie cookie(ApiResult result) {
        @Nullable String header = result.header("Set-Cookie");
        assertThat(header).as(result.toString()).isNotNull();
        HttpCookie cookie = HttpCookie.parse(header).getFirst();
        return new Cookie(cookie.getName(), cookie.getValue());
    }

    private record Cookie(String name, String value) {
        String getValue() {
            return value;
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }
}
