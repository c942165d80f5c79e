package com.chatbotsaas.auth.account;

import com.chatbotsaas.auth.Actions;
import com.chatbotsaas.auth.web.ClientAddresses;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.idempotency.ShownOnce;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.platform.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in for the web console, as the OAuth 2.0 guidance for browser-based apps asks: the refresh token lives in an
 * HttpOnly, SameSite=Strict cookie scoped to these paths (Secure behind https), so page scripts never hold it; the
 * access token is answered to the page, which keeps it in memory. Each call must carry {@code X-Console: 1}, a header
 * no cross-site form can send and no other origin may send without a CORS preflight the gateway refuses, on top of
 * the cookie's SameSite rule (CSRF).
 */
@RestController
@RequestMapping(BrowserSessionController.PATH)
class BrowserSessionController {

    static final String PATH = "/api/v1/auth/session";
    static final String COOKIE = "refresh_token";
    static final String HEADER = "X-Console";

    private final Accounts accounts;
    private final ClientAddresses clients;

    BrowserSessionController(Accounts accounts, ClientAddresses clients) {
        this.accounts = accounts;
        this.clients = clients;
    }

    @PostMapping
    @ShownOnce
    @Audited(action = Actions.AUTH_LOGIN, resourceType = "user")
    ResponseEntity<ApiResponse<BrowserSession>> signIn(
            @Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        requireConsole(http);
        var client = new Accounts.Client(clients.of(http), clients.userAgent(http));
        return withSession(http, "Login successful", accounts.login(request, client));
    }

    @PostMapping("/refresh")
    @ShownOnce
    @Audited(action = Actions.AUTH_REFRESH, resourceType = "user")
    ResponseEntity<ApiResponse<BrowserSession>> refresh(
            @CookieValue(name = COOKIE, required = false) @Nullable String refreshToken, HttpServletRequest http) {
        requireConsole(http);
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "No session in this browser");
        }
        return withSession(http, "Token refreshed", accounts.refresh(new RefreshRequest(refreshToken)));
    }

    @DeleteMapping
    @Audited(action = Actions.AUTH_LOGOUT, resourceType = "session")
    ResponseEntity<Void> signOut(
            @CookieValue(name = COOKIE, required = false) @Nullable String refreshToken, HttpServletRequest http) {
        requireConsole(http);
        if (refreshToken != null && !refreshToken.isBlank()) {
            accounts.endBrowserSession(refreshToken);
        }
        return ResponseEntity.status(HttpStatus.NO_CONTENT)
                .header(HttpHeaders.SET_COOKIE, cookie(http, "", Duration.ZERO).toString())
                .build();
    }

    private static ResponseEntity<ApiResponse<BrowserSession>> withSession(
            HttpServletRequest http, String message, LoginResponse tokens) {
        ResponseCookie cookie = cookie(http, tokens.refreshToken(), Duration.ofSeconds(tokens.refreshExpiresIn()));
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .body(ApiResponse.of(message, BrowserSession.of(tokens)));
    }

    private static ResponseCookie cookie(HttpServletRequest http, String value, Duration maxAge) {
        // The gateway sets X-Forwarded-Proto from what the client used (or what a trusted proxy said).
        boolean secure = http.isSecure() || "https".equalsIgnoreCase(http.getHeader("X-Forwarded-Proto"));
        return ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Strict")
                .path(PATH)
                .maxAge(maxAge)
                .build();
    }

    private static void requireConsole(HttpServletRequest http) {
        if (!"1".equals(http.getHeader(HEADER))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Browser sessions are for the console: send " + HEADER + ": 1");
        }
    }
}
