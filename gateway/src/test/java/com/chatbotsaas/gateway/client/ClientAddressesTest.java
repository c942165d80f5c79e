package com.chatbotsaas.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressesTest {

    private final ClientAddresses behindLoadBalancer =
            new ClientAddresses(Networks.of(List.of("10.0.0.0/8", "fd00::/8")));

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverItClaims() {
        ClientAddresses direct = new ClientAddresses(Networks.of(List.of()));

        ClientAddress client = direct.resolve(request("198.51.100.7")
                .header("X-Forwarded-For", "203.0.113.1")
                .header("X-Forwarded-Proto", "https")
                .build());

        assertThat(client.ip()).isEqualTo("198.51.100.7");
        assertThat(client.secure()).isFalse();
    }

    @Test
    void anUntrustedPeerCannotNameAnotherClient() {
        ClientAddress client = behindLoadBalancer.resolve(
                request("198.51.100.7").header("X-Forwarded-For", "10.0.0.5").build());

        assertThat(client.ip()).isEqualTo("198.51.100.7");
    }

    @Test
    void behindTrustedProxiesTheNearestUntrustedHopIsTheClient() {
        ClientAddress client = behindLoadBalancer.resolve(request("10.0.0.2")
                .header("X-Forwarded-For", "1.2.3.4, 203.0.113.9, 10.0.0.3")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "api.example.com")
                .build());

        // 1.2.3.4 was written by the client itself and is ignored.
        assertThat(client.ip()).isEqualTo("203.0.113.9");
        assertThat(client.secure()).isTrue();
        assertThat(client.host()).isEqualTo("api.example.com");
    }

    @Test
    void aHopThatIsNoAddressStopsTheWalk() {
        ClientAddress client = behindLoadBalancer.resolve(request("10.0.0.2")
                .header("X-Forwarded-For", "203.0.113.9, evil.example, 10.0.0.3")
                .build());

        assertThat(client.ip()).isEqualTo("10.0.0.3");
    }

    @Test
    void matchesIpv6RangesAndNormalizesAddresses() {
        ClientAddress client = behindLoadBalancer.resolve(
                request("fd00::1").header("X-Forwarded-For", "2001:DB8:0:0::1").build());

        assertThat(client.ip()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(Networks.of(List.of("192.168.0.0/16")).contains("192.168.200.1"))
                .isTrue();
        assertThat(Networks.of(List.of("192.168.0.0/17")).contains("192.168.200.1"))
                .isFalse();
        assertThat(Networks.of(List.of("127.0.0.1")).contains("localhost")).isFalse();
    }

    private static MockServerHttpRequest.BaseBuilder<?> request(String peer) {
        return MockServerHttpRequest.get("/api/v1/users/me").remoteAddress(new InetSocketAddress(peer, 40000));
    }
}
