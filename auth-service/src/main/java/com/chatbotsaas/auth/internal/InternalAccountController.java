package com.chatbotsaas.auth.internal;

import com.chatbotsaas.auth.Actions;
import com.chatbotsaas.auth.email.EmailVerifications;
import com.chatbotsaas.auth.keycloak.KeycloakAccounts;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import jakarta.validation.Valid;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account creation for user-org-service's "administrator creates a user" flow. Only the configured services, with
 * their own client-credentials token, may call it: a user's token (even an administrator's) is refused, since the
 * organization check belongs to the caller. Never routed by the gateway and absent from the published API document.
 */
@RestController
class InternalAccountController {

    private final KeycloakAccounts keycloak;
    private final InternalApiProperties properties;
    private final EmailVerifications verifications;

    InternalAccountController(
            KeycloakAccounts keycloak, InternalApiProperties properties, EmailVerifications verifications) {
        this.keycloak = keycloak;
        this.properties = properties;
        this.verifications = verifications;
    }

    @PostMapping("/internal/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(action = Actions.USER_CREATE, resourceType = "account")
    ApiResponse<AccountResponse> create(@Valid @RequestBody CreateAccountRequest request) {
        Caller caller = Caller.current();
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        AuditContext.current().data("email", email);
        if (!caller.service() || !properties.accountCreators().contains(caller.clientId())) {
            throw ApiException.forbidden();
        }
        String name = request.name().strip();
        String id = keycloak.createUser(name, email, request.password());
        AuditContext.current().resourceId(id).data("name", name);
        // An administrator typed the address: its owner still has to prove it, like a registration.
        verifications.sendForNewAccount(id, name, email);
        return ApiResponse.of("Account created", new AccountResponse(id, name, email));
    }
}
