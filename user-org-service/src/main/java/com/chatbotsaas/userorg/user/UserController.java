package com.chatbotsaas.userorg.user;

import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @GetMapping("/me")
    ApiResponse<UserView> me() {
        return ApiResponse.of("Profile retrieved", users.provisionCaller(Caller.current()));
    }

    @PatchMapping("/me")
    @Audited(action = "user.update", resourceType = "user")
    ApiResponse<UserView> updateMe(@Valid @RequestBody UpdateProfileRequest request) {
        return ApiResponse.of("Profile updated", users.updateMe(Caller.current(), request));
    }

    /** Whether an account uses the email (for sign-up and invitation forms). */
    @GetMapping("/check-email")
    ApiResponse<Map<String, Object>> checkEmail(@RequestParam String email) {
        if (!email.matches("^[^@\\s]+@[^@\\s]+$") || email.length() > 320) {
            throw ApiException.invalid("email", "must be a well-formed email address");
        }
        return ApiResponse.of(
                "Email checked",
                Map.of("email", email, "exists", users.findByEmail(email).isPresent()));
    }
}
