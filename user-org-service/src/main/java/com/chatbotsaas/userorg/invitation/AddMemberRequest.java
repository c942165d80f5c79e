package com.chatbotsaas.userorg.invitation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST …/members}: adding a person invites them by email. A {@code user_id} is refused rather than resolved, as
 * resolving it would tell the caller whether the account exists and what its email is.
 */
record AddMemberRequest(
        @Nullable UUID userId,
        @Nullable @Email @Size(max = 320) String email,
        @NotBlank @Size(max = 64) String role) {}
