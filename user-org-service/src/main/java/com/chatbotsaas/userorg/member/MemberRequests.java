package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.web.SingleLine;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request bodies of the member endpoints. Only the fields named here can change anything. */
final class MemberRequests {

    private MemberRequests() {}

    record ChangeRole(@NotBlank @Size(max = 64) String role) {}

    /**
     * An administrator's update of a user in the organization: their membership only. {@code name}, {@code locale}
     * and {@code email} are the account's, across organizations; they are here only to be refused (403).
     */
    record UpdateUser(
            @Nullable String name,
            @Nullable String locale,
            @Nullable String email,

            @Nullable @Pattern(regexp = "active|suspended", message = "must be active or suspended")
            String status,

            @Nullable @Size(min = 1, max = 64) String role) {

        boolean touchesProfile() {
            return name != null || locale != null || email != null;
        }
    }

    /** An administrator creates an account and its membership (the seed's "create user"). */
    record CreateUser(
            @NotBlank @Size(max = 255) @SingleLine String name,
            @NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Size(min = 8, max = 128) String password,
            @NotBlank String passwordConfirmation,
            @Nullable @Size(max = 64) String role) {

        @Override
        public String toString() {
            return "CreateUser[email=" + email + "]";
        }
    }
}
