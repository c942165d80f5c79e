package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.Jwts;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Every way a token can be wrong is a 401 in the envelope; tokens with invented key ids cannot flood the JWKS. */
class JwtValidationIT extends GatewayIntegrationTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Test
    void acceptsRealmTokensAndTokensOfTheTrustedTestKey() {
        // The controls: the tokens below fail for the one reason each names, not for being self-signed.
        assertThat(callWith(userToken()).status()).isEqualTo(200);
        assertThat(callWith(jwks.signTrusted(claims -> {})).status()).isEqualTo(200);
    }

    @Test
    void rejectsAMissingToken() {
        ApiResult result = gateway().get("/api/v1/organizations");
        assertThat(result.status()).isEqualTo(401);
        assertThat(result.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(result.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void rejectsMalformedTokens() {
        for (String token : List.of("not-a-jwt", "a.b.c", "a.b", "eyJhbGciOiJSUzI1NiJ9.e30", "x y z")) {
            assertUnauthenticated(token);
        }
    }

    @Test
    void rejectsAnUnsignedAlgNoneToken() {
        String payload = part(Jwts.payload(jwks.signTrusted(claims -> {})).toString());
        assertUnauthenticated(part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".");
    }

    @Test
    void rejectsAnHs256TokenSignedWithTheRealmsPublicKey() throws Exception {
        // The algorithm-confusion attack: HMAC keyed with the public key, under the realm key's kid.
        RSAKey realmKey = (RSAKey) jwks.keycloakKeys().getKeys().stream()
                .filter(key ->
                        key instanceof RSAKey && "sig".equals(key.getKeyUse().identifier()))
                .findFirst()
                .orElseThrow();
        String header = part("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + realmKey.getKeyID() + "\"}");
        String payload = part(Jwts.payload(jwks.signTrusted(claims -> {})).toString());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(realmKey.toRSAPublicKey().getEncoded(), "HmacSHA256"));
        String signature =
                B64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        assertUnauthenticated(header + "." + payload + "." + signature);
    }

    @Test
    void aTokenAcceptedBeforeIsRejectedOnceItExpires() {
        // A realm token that lives 2 s: verified tokens are remembered, but their expiry is checked on every call.
        String shortLived = keycloak.shortLivedToken(2).accessToken();
        assertThat(callWith(shortLived).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> callWith(shortLived).status() == 401);
        assertUnauthenticated(shortLived);
    }

    @Test
    void rejectsAnExpiredToken() {
        assertUnauthenticated(jwks.signTrusted(
                claims -> claims.issueTime(Date.from(Instant.now().minusSeconds(600)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(60)))));
    }

    @Test
    void rejectsATokenNotYetValid() {
        assertUnauthenticated(jwks.signTrusted(
                claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(120)))));
    }

    @Test
    void rejectsATokenOfAnotherIssuer() {
        assertUnauthenticated(jwks.signTrusted(claims -> claims.issuer("http://127.0.0.1:1/realms/chatbot-saas")));
    }

    @Test
    void rejectsTokensForAnotherAudience() {
        assertUnauthenticated(keycloak.tokenWithoutApiAudience().accessToken());
        assertUnauthenticated(jwks.signTrusted(claims -> claims.audience("account")));
    }

    @Test
    void rejectsATamperedPayload() {
        String valid = userToken();
        String[] parts = valid.split("\\.");
        ObjectNode claims = (ObjectNode) Jwts.payload(valid);
        claims.put("sub", UUID.randomUUID().toString());
        assertUnauthenticated(parts[0] + "." + part(claims.toString()) + "." + parts[2]);
    }

    @Test
    void rejectsATokenSignedWithAnUnknownKey() {
        RSAKey stranger = TestJwks.newKey("unknown-" + UUID.randomUUID());
        assertUnauthenticated(TestJwks.sign(stranger, jwks.validClaims().build()));
        // And a stranger's key claiming a known kid: the signature does not verify.
        RSAKey impostor = TestJwks.newKey(TestJwks.TRUSTED_KID);
        assertUnauthenticated(TestJwks.sign(impostor, jwks.validClaims().build()));
    }

    @Test
    void aThousandTokensWithRandomKeyIdsCauseAtMostAHandfulOfJwksFetches() throws Exception {
        assertThat(callWith(jwks.signTrusted(claims -> {})).status()).isEqualTo(200);
        RSAKey stranger = TestJwks.newKey("stranger");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            RSAKey withRandomKid = new RSAKey.Builder(stranger)
                    .keyID(UUID.randomUUID().toString())
                    .build();
            tokens.add(TestJwks.sign(withRandomKid, jwks.validClaims().build()));
        }
        int before = jwks.fetches();

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (String token : tokens) {
                calls.add(clients.submit(() -> callWith(token).status()));
            }
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
        }

        assertThat(statuses).hasSize(1000).containsOnly(401);
        assertThat(jwks.fetches() - before).isLessThanOrEqualTo(3);
        // The keys in hand still serve.
        assertThat(callWith(jwks.signTrusted(claims -> {})).status()).isEqualTo(200);
        assertThat(callWith(userToken()).status()).isEqualTo(200);
    }

    private ApiResult callWith(String token) {
        return gateway().withToken(token).get("/api/v1/organizations");
    }

    private void assertUnauthenticated(String token) {
        ApiResult result = callWith(token);
        assertThat(result.status()).as(token).isEqualTo(401);
        assertThat(result.body().path("success").asBoolean()).isFalse();
        assertThat(result.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(result.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(result.raw()).doesNotContain("Exception").doesNotContain("Jwt");
    }

    private static String part(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
