/** Identity: the façade over Keycloak for registration, login, sessions and passwords. */
@NullMarked
package com.chatbotsaas.auth;

import org.jspecify.annotations.NullMarked;
