/** A real Keycloak shared by every test JVM of a build, and the users and tokens tests need from it. */
@NullMarked
package com.chatbotsaas.platform.test.keycloak;

import org.jspecify.annotations.NullMarked;
