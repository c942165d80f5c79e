/** Identity: the façade over Keycloak for accounts, sessions, passwords and organization API clients. */
@NullMarked
package com.chatbotsaas.auth;

import org.jspecify.annotations.NullMarked;
