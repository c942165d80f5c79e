package com.chatbotsaas.userorg.user;

import com.chatbotsaas.platform.web.SingleLine;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** What a user may change of their own profile; email and status belong to the account, not to this request. */
record UpdateProfileRequest(
        @Nullable @Size(min = 1, max = 255) @SingleLine String name,

        @Nullable @Pattern(regexp = "^[a-z]{2}(-[A-Z]{2})?$", message = "must be a language tag like en or pt-BR")
        String locale) {}
