package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.client.FeignAnswers;
import com.chatbotsaas.platform.core.id.OrganizationId;
import com.chatbotsaas.platform.core.id.UserId;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import com.chatbotsaas.userorg.role.RoleCatalog;
import com.chatbotsaas.userorg.role.Roles;
import com.chatbotsaas.userorg.user.Users;
import feign.FeignException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An administrator creates a user: the account in auth-service (which owns credentials), then the profile and the
 * membership here. The password goes to auth-service and nowhere else.
 */
@Service
class AccountCreation {

    private static final Logger log = LoggerFactory.getLogger(AccountCreation.class);

    private final AuthAccountsClient auth;
    private final Users users;
    private final Roles roles;
    private final Memberships memberships;

    AccountCreation(AuthAccountsClient auth, Users users, Roles roles, Memberships memberships) {
        this.auth = auth;
        this.users = users;
        this.roles = roles;
        this.memberships = memberships;
    }

    @Transactional
    MemberResponse create(UUID organizationId, MemberRequests.CreateUser request) {
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        String requested = request.role() == null ? RoleCatalog.MEMBER : request.role();
        AuditContext.current().data("email", email).data("role", requested);
        if (!request.password().equals(request.passwordConfirmation())) {
            throw ApiException.invalid("password_confirmation", "does not match the password");
        }
        String role = roles.requireAssignable(organizationId, requested, OrganizationAccess.current());
        if (users.findByEmail(email).isPresent()) {
            throw emailTaken();
        }
        AuthAccountsClient.CreatedAccount account = createAccount(request.name().strip(), email, request.password());
        UUID userId = UUID.fromString(account.id());
        users.provision(userId, email, request.name().strip());
        memberships.join(OrganizationId.of(organizationId), UserId.of(userId), role);
        AuditContext.current().resourceId(userId).data("name", request.name().strip());
        return memberships.get(organizationId, userId);
    }

    private AuthAccountsClient.CreatedAccount createAccount(String name, String email, String password) {
        try {
            var response = auth.create(new AuthAccountsClient.NewAccount(name, email, password));
            if (response == null || response.data() == null) {
                throw ApiException.unavailable("Accounts are unavailable, try again later", null);
            }
            return response.data();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            FeignException answer = FeignAnswers.answerOf(e);
            if (answer instanceof FeignException.Conflict) {
                throw emailTaken();
            }
            if (answer != null && answer.status() == 422) {
                throw ApiException.invalid("password", "is not accepted by the password policy");
            }
            log.warn("Account creation in auth-service failed", e);
            throw ApiException.unavailable("Accounts are unavailable, try again later", e);
        }
    }

    private static ApiException emailTaken() {
        return new ApiException(
                ErrorCode.CONFLICT,
                "The email has already been taken",
                Map.of("email", List.of("has already been taken")),
                null);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableFeignClients(clients = AuthAccountsClient.class)
    static class Clients {}
}
