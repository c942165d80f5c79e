package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.web.ApiResponse;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** auth-service's internal account API, called as this service itself (client credentials), never for a user. */
@FeignClient(
        name = "auth-accounts",
        url = "${userorg.auth-service-url}",
        path = "/internal/v1",
        configuration = ServiceAuthentication.class)
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
