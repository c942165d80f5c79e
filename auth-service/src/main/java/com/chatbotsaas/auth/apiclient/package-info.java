/**
 * Organization API clients: Keycloak confidential clients (client credentials) whose tokens carry the organization;
 * created, listed and revoked by members with {@code api_clients.manage}.
 */
@NullMarked
package com.chatbotsaas.auth.apiclient;

import org.jspecify.annotations.NullMarked;
