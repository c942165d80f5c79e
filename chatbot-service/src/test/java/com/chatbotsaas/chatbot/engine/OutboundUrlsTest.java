package com.chatbotsaas.chatbot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.chatbot.config.ChatbotProperties;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundUrlsTest {

    private static OutboundUrls guard(List<String> allowed) {
        return new OutboundUrls(new ChatbotProperties(
                "a2V5", null, new ChatbotProperties.Engines(java.time.Duration.ofSeconds(1), 1, 1, allowed), null, 1));
    }

    @Test
    void refusesLoopbackPrivateLinkLocalAndOtherInternalAddresses() {
        OutboundUrls guard = guard(List.of());
        for (String url : List.of(
                "http://127.0.0.1/",
                "http://127.0.0.2:8080/",
                "http://localhost/",
                "http://[::1]/",
                "http://169.254.169.254/",
                "http://10.0.0.1/",
                "http://172.16.0.1/",
                "http://172.31.255.255/",
                "http://192.168.0.1/",
                "http://100.64.0.1/",
                "http://0.0.0.0/",
                "http://[::]/",
                "http://[fe80::1]/",
                "http://[fd12:3456::1]/",
                "http://[::ffff:10.0.0.1]/",
                "http://224.0.0.1/",
                "ftp://example.com/",
                "http://user@example.com/")) {
            assertThat(guard.problem(URI.create(url))).as(url).isNotNull();
        }
    }

    @Test
    void letsPublicAddressesAndAllowListedHostsThrough() {
        assertThat(guard(List.of()).problem(URI.create("https://93.184.216.34/v1")))
                .isNull();
        assertThat(guard(List.of()).problem(URI.create("http://172.32.0.1/"))).isNull();
        assertThat(guard(List.of("127.0.0.2")).problem(URI.create("http://127.0.0.2:9000/hook")))
                .isNull();
        assertThat(guard(List.of("127.0.0.2")).problem(URI.create("http://127.0.0.1:9000/hook")))
                .isNotNull();
    }
}
