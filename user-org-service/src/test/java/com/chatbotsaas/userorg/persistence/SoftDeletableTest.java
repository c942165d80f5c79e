package com.chatbotsaas.userorg.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoftDeletableTest {

    @Test
    void aNewRowIsLiveAndCreatedWhenLastChanged() {
        Row row = new Row();

        assertThat(row.live()).isTrue();
        assertThat(row.updatedAt()).isEqualTo(row.createdAt());
    }

    @Test
    void aChangeMovesOnlyTheUpdateTime() throws InterruptedException {
        Row row = new Row();
        Instant created = row.createdAt();
        Thread.sleep(2);

        row.touch();

        assertThat(row.createdAt()).isEqualTo(created);
        assertThat(row.updatedAt()).isAfter(created);
    }

    @Test
    void deletingMarksTheRowAndCountsAsAChange() throws InterruptedException {
        Row row = new Row();
        Instant created = row.createdAt();
        Thread.sleep(2);

        row.softDelete();

        assertThat(row.live()).isFalse();
        assertThat(row.updatedAt()).isAfter(created);
        assertThat(row.createdAt()).isEqualTo(created);
    }

    @Test
    void restoringStartsTheRowOver() throws InterruptedException {
        Row row = new Row();
        Instant created = row.createdAt();
        row.softDelete();
        Thread.sleep(2);

        row.restore();

        assertThat(row.live()).isTrue();
        assertThat(row.createdAt()).isAfter(created);
        assertThat(row.updatedAt()).isEqualTo(row.createdAt());
    }

    /** The smallest entity shape: the behaviour under test is all inherited. */
    private static final class Row extends SoftDeletable {}
}
