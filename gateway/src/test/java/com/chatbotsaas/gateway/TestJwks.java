package com.chatbotsaas.gateway;

import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The key set the gateway under test trusts: Keycloak's own keys, fetched live on every request, plus one key of
 * the test's, so that tests can sign tokens Keycloak cannot issue (not yet valid, foreign issuer...). Counts how
 * often it is fetched.
 *
 * <p>The JDK's HTTP server, not WireMock: each answer is made when it is asked for, from what Keycloak publishes at
 * that moment, which a stub fixed in advance cannot do.
 */
final class TestJwks implements AutoCloseable {

    static final String TRUSTED_KID = "gateway-test-trusted";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final KeycloakTestServer keycloak;
    private final RSAKey trusted;
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    TestJwks(KeycloakTestServer keycloak) {
        this.keycloak = keycloak;
        this.trusted = newKey(TRUSTED_KID);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/certs", exchange -> {
            try (exchange) {
                fetches.incrementAndGet();
                byte[] body = keySet().toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
    }

    int fetches() {
        return fetches.get();
    }

    /** Keycloak's keys, as its JWKS endpoint publishes them now. */
    JWKSet keycloakKeys() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(keycloak.jwksUri())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JWKSet.parse(response.body());
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JWKSet keySet() {
        List<JWK> keys = new ArrayList<>(keycloakKeys().getKeys());
        keys.add(trusted.toPublicJWK());
        return new JWKSet(keys);
    }

    /** Claims of a valid token of the realm for a random subject, for the test to change. */
    JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(keycloak.issuer())
                .audience(List.of("chatbot-saas-api"))
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    /** RS256 with the trusted key. */
    String signTrusted(Consumer<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = validClaims();
        claims.accept(builder);
        return sign(trusted, builder.build());
    }

    static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
