package com.chatbotsaas.auth.apiclient;

import java.time.Instant;
import java.util.UUID;

/** The answer to a creation: the only time the secret is shown. */
record CreatedApiClient(
        UUID id, String name, String clientId, String clientSecret, UUID organizationId, Instant createdAt) {

    @Override
    public String toString() {
        return "CreatedApiClient[id=" + id + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
