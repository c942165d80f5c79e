package com.chatbotsaas.platform.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class UuidsTest {

    @Test
    void generatesVersion7VariantRfcIdsThatSortByCreationTime() throws InterruptedException {
        UUID first = Uuids.v7();
        Thread.sleep(2);
        UUID second = Uuids.v7();

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.toString().compareTo(second.toString())).isNegative();
        assertThat(first.getMostSignificantBits() >>> 16).isCloseTo(System.currentTimeMillis(), Offset.offset(1000L));
    }

    @Test
    void idsMadeInATightLoopAreStrictlyIncreasing() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Uuids.v7());
        }

        for (int i = 1; i < ids.size(); i++) {
            UUID before = ids.get(i - 1);
            UUID after = ids.get(i);
            // As Java compares them and as PostgreSQL does (bytewise, the same as the text form).
            assertThat(before).isLessThan(after);
            assertThat(before.toString()).isLessThan(after.toString());
            assertThat(after.version()).isEqualTo(7);
            assertThat(after.variant()).isEqualTo(2);
        }
    }

    @Test
    void aClockThatGoesBackNeverMakesASmallerId() {
        long now = System.currentTimeMillis();
        UUID later = Uuids.next(now);
        UUID afterTheClockWentBack = Uuids.next(now - 5_000);

        assertThat(afterTheClockWentBack).isGreaterThan(later);
        assertThat(afterTheClockWentBack.getMostSignificantBits() >>> 16).isGreaterThanOrEqualTo(now);
    }
}
