package com.chatbotsaas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "req-123", "A.b_c-9", "x"})
    void keepsAcceptableClientIds(String id) {
        assertThat(RequestIds.acceptOrGenerate(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "semi;colon", "new\nline", "ünïcode"})
    void replacesMissingOrUnsafeIds(String id) {
        String result = RequestIds.acceptOrGenerate(id);
        assertThat(result).isNotEqualTo(id).matches("[A-Za-z0-9._-]{1,64}");
    }

    @Test
    void replacesIdsLongerThan64Characters() {
        assertThat(RequestIds.acceptOrGenerate("a".repeat(64))).isEqualTo("a".repeat(64));
        assertThat(RequestIds.acceptOrGenerate("a".repeat(65))).hasSize(36);
    }

    @Test
    void mapsBareStatusesToTheConventionsCodes() {
        assertThat(ErrorCode.forStatus(422)).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(ErrorCode.forStatus(401)).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(ErrorCode.forStatus(504)).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
        assertThat(ErrorCode.forStatus(599)).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(ApiExceptionHandler.snakeCase("passwordConfirmation")).isEqualTo("password_confirmation");
    }
}
