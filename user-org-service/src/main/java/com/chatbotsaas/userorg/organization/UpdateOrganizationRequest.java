package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.web.SingleLine;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** What an organization's administrators may change; status and plan belong to the platform's operators. */
record UpdateOrganizationRequest(
        @Nullable @Size(min = 1, max = 255) @SingleLine String name,

        @Nullable
        @Size(min = 3, max = 63)
        @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "must be lower-case letters, digits and single hyphens")
        String slug) {}
