package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.web.ApiResponse;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * auth-service's internal account API, called as this service itself (client credentials), never for a user. Its
 * address is {@code spring.cloud.openfeign.client.config.auth-accounts.url} (application.yml), read at start, not
 * fixed by the build's generated code (see {@code PermissionApi} in the starter).
 */
@FeignClient(name = "auth-accounts", path = "/internal/v1", configuration = ServiceAuthentication.class)
interface AuthAccountsClient {

    @PostMapping("/users")
    ApiResponse<CreatedAccount> create(@RequestBody NewAccount account);

    record NewAccount(String name, String email, String password) {

        @Override
        public String toString() {
            return "NewAccount[email=" + email + "]";
        }
    }

    record CreatedAccount(String id, String name, String email) {}
}
