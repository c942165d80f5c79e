/**
 * Keycloak: the admin API for accounts, sessions and API clients, the token and logout endpoints, all behind one
 * circuit breaker.
 */
@NullMarked
package com.chatbotsaas.auth.keycloak;

import org.jspecify.annotations.NullMarked;
