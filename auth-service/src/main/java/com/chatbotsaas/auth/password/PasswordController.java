package com.chatbotsaas.auth.password;

import com.chatbotsaas.auth.Actions;
import com.chatbotsaas.auth.web.ClientAddresses;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.web.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth/password")
class PasswordController {

    private final Passwords passwords;
    private final ClientAddresses clients;

    PasswordController(Passwords passwords, ClientAddresses clients) {
        this.passwords = passwords;
        this.clients = clients;
    }

    @PostMapping("/change")
    @Audited(action = Actions.AUTH_PASSWORD_CHANGE, resourceType = "user")
    ApiResponse<Map<String, Object>> change(
            @Valid @RequestBody ChangePasswordRequest request, HttpServletRequest http) {
        passwords.change(request, clients.of(http));
        return ApiResponse.of("Password changed; other sessions were signed out", Map.of());
    }

    @PostMapping("/forgot")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Audited(action = Actions.AUTH_PASSWORD_FORGOT, resourceType = "user")
    ApiResponse<Map<String, Object>> forgot(
            @Valid @RequestBody ForgotPasswordRequest request, HttpServletRequest http) {
        passwords.forgot(request, clients.of(http));
        return ApiResponse.of("If the email belongs to an account, a reset link is on its way", Map.of());
    }

    @PostMapping("/reset")
    @Audited(action = Actions.AUTH_PASSWORD_RESET, resourceType = "user")
    ApiResponse<Map<String, Object>> reset(@Valid @RequestBody ResetPasswordRequest request) {
        passwords.reset(request);
        return ApiResponse.of("Password reset; sign in with the new password", Map.of());
    }
}
