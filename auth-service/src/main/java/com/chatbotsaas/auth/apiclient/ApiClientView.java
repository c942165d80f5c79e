package com.chatbotsaas.auth.apiclient;

import java.time.Instant;
import java.util.UUID;

/** An API client as listed: never its secret. */
record ApiClientView(UUID id, String name, String clientId, UUID organizationId, String createdBy, Instant createdAt) {}
