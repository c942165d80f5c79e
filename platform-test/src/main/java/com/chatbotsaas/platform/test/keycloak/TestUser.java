package com.chatbotsaas.platform.test.keycloak;

/**
 * A user created in the test realm: {@code id} is the Keycloak user id, which is the {@code sub} of the user's tokens.
 */
public record TestUser(String id, String email, String name, String password) {

    @Override
    public String toString() {
        return "TestUser[id=" + id + ", email=" + email + ", name=" + name + "]";
    }
}
