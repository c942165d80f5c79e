package com.chatbotsaas.chatbot.support;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.userorg.UserOrgStub;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Users with real tokens, organizations known to the user-org stub, and chatbots made through the API. */
public final class Tenants {

    private final KeycloakTestClient keycloak;
    private final UserOrgStub userOrg;
    private final int port;

    Tenants(KeycloakTestClient keycloak, UserOrgStub userOrg, int port) {
        this.keycloak = keycloak;
        this.userOrg = userOrg;
        this.port = port;
    }

    /** A signed-in user. */
    public record Actor(String token, ApiClient api) {}

    public Actor user() {
        String token = keycloak.login(keycloak.createUser()).accessToken();
        return new Actor(token, ApiClient.at(baseUrl()).withToken(token));
    }

    /** A new organization (on the plan, with the limits) owned by the actor. */
    public String organization(Actor owner, String plan, @Nullable Map<String, Long> limits) {
        String org = UUID.randomUUID().toString();
        userOrg.plan(org, plan, limits);
        userOrg.member(owner.token(), org, "owner");
        return org;
    }

    public String organization(Actor owner) {
        return organization(owner, "free", null);
    }

    /** The organization's plan changes at user-org-service (answers already cached stay as they were). */
    public void plan(String org, String plan, @Nullable Map<String, Long> limits) {
        userOrg.plan(org, plan, limits);
    }

    public void join(String org, Actor member, String role) {
        userOrg.member(member.token(), org, role);
    }

    public ApiClient anonymous() {
        return ApiClient.at(baseUrl());
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public static String bots(String org) {
        return "/api/v1/organizations/" + org + "/chatbots";
    }

    /** Creates an active chatbot with the engine and returns its JSON. */
    public static ApiResult activeBot(Actor owner, String org, Map<String, Object> engine, String... origins) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Bot " + UUID.randomUUID().toString().substring(0, 6));
        body.put("description", "A test bot");
        body.put("engine", engine);
        body.put("welcome_message", "Hello!");
        body.put("fallback_message", "Sorry, I do not know that.");
        body.put("allowed_origins", List.of(origins));
        ApiResult created = owner.api().post(bots(org), body);
        if (created.status() != 201) {
            throw new AssertionError("Chatbot not created: " + created);
        }
        String id = created.data().path("id").asString();
        ApiResult active = owner.api().patch(bots(org) + "/" + id, Map.of("status", "active"));
        if (active.status() != 200) {
            throw new AssertionError("Chatbot not activated: " + active);
        }
        return active;
    }

    public static Map<String, Object> knowledgeEngine() {
        return Map.of("type", "knowledge", "language", "english");
    }

    public static String conversation(Actor owner, String org, String bot) {
        ApiResult created = owner.api().post(bots(org) + "/" + bot + "/conversations", Map.of());
        if (created.status() != 201) {
            throw new AssertionError("Conversation not created: " + created);
        }
        return created.data().path("id").asString();
    }

    public static String faq(Actor owner, String org, String bot, String question, String answer) {
        ApiResult created = owner.api()
                .post(
                        bots(org) + "/" + bot + "/knowledge",
                        Map.of("type", "faq", "question", question, "answer", answer));
        if (created.status() != 201) {
            throw new AssertionError("FAQ not created: " + created);
        }
        return created.data().path("id").asString();
    }
}
