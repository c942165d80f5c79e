package com.chatbotsaas.userorg.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import com.chatbotsaas.platform.web.WebAutoConfiguration;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The member endpoints as the web layer alone sees them: request binding in snake_case, Bean Validation of the
 * bodies, and the platform's error envelope ({@code success:false}, {@code error_code}, field errors named as the
 * client sent them, {@code request_id}) with the request id echoed. No database, broker or Keycloak: the services
 * behind the controller are stand-ins, and neither security nor the permission and audit interceptors are in this
 * slice (PrivilegeRulesIT and the other ITs cover them on the whole service).
 */
@WebMvcTest(MemberController.class)
@ImportAutoConfiguration(WebAutoConfiguration.class)
class MemberControllerTest {

    private static final String REQUEST_ID = "req-slice-1";

    private final UUID orgId = UUID.randomUUID();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Memberships memberships;

    @MockitoBean
    AccountCreation accounts;

    @Test
    void anInvalidNewUserIsRefusedWith422NamingEachFieldInSnakeCaseAndNothingIsCreated() {
        MvcTestResult result = mvc.post()
                .uri("/api/v1/organizations/{orgId}/users", orgId)
                .header("X-Request-Id", REQUEST_ID)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name": " ", "email": "not-an-address", "password": "short"}""")
                .exchange();

        assertThat(result).hasStatus(422).hasHeader("X-Request-Id", REQUEST_ID);
        assertThat(json(result, "$.success")).isEqualTo(false);
        assertThat(json(result, "$.error_code")).isEqualTo("VALIDATION_ERROR");
        assertThat(json(result, "$.message")).isEqualTo("The given data was invalid");
        assertThat(json(result, "$.request_id")).isEqualTo(REQUEST_ID);
        assertThat(json(result, "$.errors"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("name", "email", "password", "password_confirmation");
        assertThat(json(result, "$.errors.password_confirmation"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly("must not be blank");
        verifyNoInteractions(accounts, memberships);
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedRequest() {
        MvcTestResult result = mvc.patch()
                .uri("/api/v1/organizations/{orgId}/members/{userId}", orgId, UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"role\": ")
                .exchange();

        assertThat(result).hasStatus(400);
        assertThat(json(result, "$.error_code")).isEqualTo("MALFORMED_REQUEST");
        assertThat(json(result, "$.request_id")).asString().isNotBlank();
        verifyNoInteractions(memberships);
    }

    @Test
    void aMalformedIdInThePathNamesNothingAndIs404() {
        MvcTestResult result = mvc.patch()
                .uri("/api/v1/organizations/{orgId}/members/not-a-uuid", orgId)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"role\": \"viewer\"}")
                .exchange();

        assertThat(result).hasStatus(404);
        assertThat(json(result, "$.error_code")).isEqualTo("NOT_FOUND");
        verifyNoInteractions(memberships);
    }

    @Test
    void aRefusalFromTheServiceReachesTheClientAsItsEnvelope() {
        UUID userId = UUID.randomUUID();
        given(memberships.changeRole(orgId, userId, "viewer"))
                .willThrow(new ApiException(ErrorCode.FORBIDDEN, "You cannot change your own role"));

        MvcTestResult result = mvc.patch()
                .uri("/api/v1/organizations/{orgId}/members/{userId}", orgId, userId)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"role\": \"viewer\"}")
                .exchange();

        assertThat(result).hasStatus(403);
        assertThat(json(result, "$.success")).isEqualTo(false);
        assertThat(json(result, "$.error_code")).isEqualTo("FORBIDDEN");
        assertThat(json(result, "$.message")).isEqualTo("You cannot change your own role");
        assertThat(result).bodyJson().doesNotHavePath("$.errors");
    }

    @Test
    void aRoleChangeAnswersTheMemberInSnakeCase() {
        UUID userId = UUID.randomUUID();
        Instant joined = Instant.parse("2026-01-27T10:30:00Z");
        given(memberships.changeRole(orgId, userId, "viewer"))
                .willReturn(new MemberResponse(userId, "Ada", "ada@example.com", "viewer", "active", joined));

        MvcTestResult result = mvc.patch()
                .uri("/api/v1/organizations/{orgId}/members/{userId}", orgId, userId)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"role\": \"viewer\"}")
                .exchange();

        assertThat(result).hasStatusOk();
        assertThat(json(result, "$.success")).isEqualTo(true);
        assertThat(json(result, "$.data.user_id")).isEqualTo(userId.toString());
        assertThat(json(result, "$.data.role")).isEqualTo("viewer");
        assertThat(json(result, "$.data.joined_at")).asString().startsWith("2026-01-27T10:30");
    }

    /** The value at a JSON path of the response body, as JSON reads it (string, boolean, list, map). */
    private static @Nullable Object json(MvcTestResult result, String path) {
        return JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), path);
    }
}
