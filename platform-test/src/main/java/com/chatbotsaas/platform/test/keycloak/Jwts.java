package com.chatbotsaas.platform.test.keycloak;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a JWT's header and payload without checking its signature, for assertions about claims. */
public final class Jwts {

    private Jwts() {}

    public static JsonNode header(String jwt) {
        return part(jwt, 0);
    }

    public static JsonNode payload(String jwt) {
        return part(jwt, 1);
    }

    private static JsonNode part(String jwt, int index) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a JWS compact serialization: " + parts.length + " parts");
        }
        byte[] json = Base64.getUrlDecoder().decode(parts[index]);
        return JsonMapper.shared().readTree(new String(json, StandardCharsets.UTF_8));
    }
}
