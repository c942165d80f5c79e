package com.chatbotsaas.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatbotsaas.platform.web.ApiException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void roundTripsThroughItsOpaqueForm() {
        Cursor cursor = new Cursor(Instant.parse("2026-01-27T10:30:00.123Z"), UUID.randomUUID());

        String token = cursor.encode();

        assertThat(token).doesNotContain("2026").doesNotContain("=");
        assertThat(Cursor.decode(token)).isEqualTo(cursor);
    }

    @Test
    void rejectsGarbageAsAValidationErrorOnTheCursorField() {
        assertThatThrownBy(() -> Cursor.decode("not-a-cursor"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).errors()).containsKey("cursor"));
    }
}
