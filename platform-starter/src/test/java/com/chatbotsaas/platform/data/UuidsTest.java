package com.chatbotsaas.platform.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
        assertThat(first.getMostSignificantBits() >>> 16)
                .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(1000L));
    }

    @Test
    void idsAreUnique() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Uuids.v7());
        }
        assertThat(ids).doesNotHaveDuplicates();
    }
}
