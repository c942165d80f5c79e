package com.chatbotsaas.gateway.denial;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void letsTheBurstThroughAtOnceAndNothingMoreWithoutTime() {
        Sampler sampler = new Sampler(0.001, 5);

        int admitted = 0;
        for (int i = 0; i < 1000; i++) {
            if (sampler.tryAcquire()) {
                admitted++;
            }
        }

        assertThat(admitted).isEqualTo(5);
    }
}
