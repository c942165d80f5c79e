package com.chatbotsaas.userorg.organization;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/** An operator suspends or reactivates an organization, or changes its plan. */
record AdminUpdateOrganizationRequest(
        @Nullable @Pattern(regexp = "active|suspended", message = "must be active or suspended")
        String status,

        @Nullable @Pattern(regexp = "free|pro|enterprise", message = "must be free, pro or enterprise")
        String plan) {}
