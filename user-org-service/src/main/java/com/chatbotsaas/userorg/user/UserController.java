package com.chatbotsaas.userorg.user;

import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.userorg.Actions;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own profile. There is deliberately no route telling whether an email has an account (see the
 * README's Security section).
 */
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
    @Audited(action = Actions.USER_UPDATE, resourceType = "user")
    ApiResponse<UserView> updateMe(@Valid @RequestBody UpdateProfileRequest request) {
        return ApiResponse.of("Profile updated", users.updateMe(Caller.current(), request));
    }
}
