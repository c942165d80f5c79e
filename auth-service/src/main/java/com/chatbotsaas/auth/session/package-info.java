/** Sessions: list the caller's own sessions and end them, in Keycloak and in the metadata kept here. */
@NullMarked
package com.chatbotsaas.auth.session;

import org.jspecify.annotations.NullMarked;
