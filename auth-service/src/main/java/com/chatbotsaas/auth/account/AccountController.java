package com.chatbotsaas.auth.account;

import com.chatbotsaas.auth.Actions;
import com.chatbotsaas.auth.web.ClientAddresses;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.idempotency.ShownOnce;
import com.chatbotsaas.platform.web.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class AccountController {

    private final Accounts accounts;
    private final ClientAddresses clients;

    AccountController(Accounts accounts, ClientAddresses clients) {
        this.accounts = accounts;
        this.clients = clients;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(action = Actions.AUTH_REGISTER, resourceType = "user")
    ApiResponse<RegisterResponse> register(@Valid @RequestBody RegisterRequest request) {
        return ApiResponse.of("Registration successful", accounts.register(request));
    }

    @PostMapping("/login")
    @ShownOnce
    @Audited(action = Actions.AUTH_LOGIN, resourceType = "user")
    ApiResponse<LoginResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        var client = new Accounts.Client(clients.of(http), clients.userAgent(http));
        return ApiResponse.of("Login successful", accounts.login(request, client));
    }

    @PostMapping("/refresh")
    @ShownOnce
    @Audited(action = Actions.AUTH_REFRESH, resourceType = "user")
    ApiResponse<LoginResponse> refresh(@Valid @RequestBody RefreshRequest request) {
        return ApiResponse.of("Token refreshed", accounts.refresh(request));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(action = Actions.AUTH_LOGOUT, resourceType = "session")
    void logout(@Valid @RequestBody LogoutRequest request) {
        accounts.logout(request);
    }

    @GetMapping("/me")
    ApiResponse<AccountView> me() {
        return ApiResponse.of("Account retrieved", accounts.me());
    }
}
