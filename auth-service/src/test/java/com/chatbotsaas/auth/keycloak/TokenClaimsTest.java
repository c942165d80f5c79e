package com.chatbotsaas.auth.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TokenClaimsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsSubjectSessionNameAndEmail() {
        String jwt = jwt("{\"sub\":\"u-1\",\"sid\":\"s-1\",\"name\":\"Ada\",\"email\":\"ada@example.com\"}");

        assertThat(TokenClaims.read(jwt, JSON)).contains(new TokenClaims("u-1", "s-1", "Ada", "ada@example.com"));
    }

    @Test
    void anythingButAJwtWithASubjectIsNothing() {
        assertThat(TokenClaims.read("garbage", JSON)).isEmpty();
        assertThat(TokenClaims.read("a.b.c", JSON)).isEmpty();
        assertThat(TokenClaims.read(jwt("{\"sid\":\"s-1\"}"), JSON)).isEmpty();
        assertThat(TokenClaims.read(jwt("[1,2]"), JSON)).isEmpty();
    }

    private static String jwt(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }
}
