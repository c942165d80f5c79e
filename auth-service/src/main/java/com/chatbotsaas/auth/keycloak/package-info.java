/** Keycloak: the admin API for accounts and the token endpoint. */
@NullMarked
package com.chatbotsaas.auth.keycloak;

import org.jspecify.annotations.NullMarked;
