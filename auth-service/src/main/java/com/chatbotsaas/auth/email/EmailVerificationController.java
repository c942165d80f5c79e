package com.chatbotsaas.auth.email;

import com.chatbotsaas.auth.Actions;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.web.ApiResponse;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth/email")
class EmailVerificationController {

    private final EmailVerifications verifications;

    EmailVerificationController(EmailVerifications verifications) {
        this.verifications = verifications;
    }

    @PostMapping("/verify")
    @Audited(action = Actions.AUTH_EMAIL_VERIFY, resourceType = "user")
    ApiResponse<Map<String, Object>> verify(@Valid @RequestBody VerifyEmailRequest request) {
        verifications.verify(request);
        return ApiResponse.of("Email verified; tokens issued from now on say so", Map.of("email_verified", true));
    }

    @PostMapping("/verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Audited(action = Actions.AUTH_EMAIL_RESEND, resourceType = "user")
    ApiResponse<Map<String, Object>> resend() {
        verifications.resend();
        return ApiResponse.of("A new verification link is on its way", Map.of());
    }
}
