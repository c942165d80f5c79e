package com.chatbotsaas.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatbotsaas.platform.web.ApiException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundGuardTest {

    private static final OutboundGuard STRICT = new OutboundGuard(new OutboundProperties(List.of(), null, 0));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/",
                "http://127.1.2.3:8080/x",
                "http://localhost/",
                "http://LOCALHOST./",
                "http://[::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:10.0.0.1]/",
                "http://0.0.0.0/",
                "http://[::]/",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/",
                "http://10.255.255.255/",
                "http://172.16.0.1/",
                "http://172.31.255.255/",
                "http://192.168.1.1/",
                "http://100.64.0.1/",
                "http://[fd00::1]/",
                "http://[fe80::1]/",
                "http://224.0.0.1/",
                "http://255.255.255.255/",
                "http://2130706433/",
                "http://0x7f.0.0.1/"
            })
    void refusesPrivateLoopbackLinkLocalAndReservedAddresses(String url) {
        assertThatThrownBy(() -> STRICT.check(URI.create(url))).isInstanceOf(OutboundRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://8.8.8.8/", "gopher://8.8.8.8/", "//8.8.8.8/", "http:///x"})
    void refusesOtherSchemesAndHostlessUrls(String url) {
        assertThatThrownBy(() -> STRICT.check(URI.create(url))).isInstanceOf(OutboundRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/v1/chat/completions", "http://172.32.0.1/", "http://[2001:4860::8888]/"})
    void acceptsPublicAddresses(String url) {
        assertThat(STRICT.check(URI.create(url))).isEqualTo(URI.create(url));
    }

    @Test
    void allowListedHostsAndRangesAreReachable() {
        var guard = new OutboundGuard(
                new OutboundProperties(List.of("127.0.0.1", "10.1.0.0/16", "model.internal"), null, 0));

        assertThat(guard.check(URI.create("http://127.0.0.1:9000/"))).isNotNull();
        assertThat(guard.check(URI.create("http://localhost:9000/"))).isNotNull(); // resolves to 127.0.0.1
        assertThat(guard.check(URI.create("http://10.1.200.3/"))).isNotNull();
        assertThat(guard.check(URI.create("http://model.internal/"))).isNotNull();
        assertThatThrownBy(() -> guard.check(URI.create("http://10.2.0.1/")))
                .isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.2/")))
                .isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void validateAnswersA422NamingTheField() {
        assertThatThrownBy(() -> STRICT.validate("url", "http://10.0.0.1/hook", false))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.errors()).containsKey("url"));
        assertThatThrownBy(() -> STRICT.validate("url", "not a url", false)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> STRICT.validate("url", "http://8.8.8.8/", true))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors().get("url")).containsExactly("must use https"));
        assertThat(STRICT.validate("url", "https://8.8.8.8/", true)).hasHost("8.8.8.8");
    }

    @Test
    void aUrlSavedForLaterMayNameAHostThatDoesNotResolveYetButNeverAPrivateAddress() {
        // .invalid never resolves (RFC 6761).
        String unresolved = "https://hooks.not-set-up-yet.invalid/in";
        assertThatThrownBy(() -> STRICT.validate("url", unresolved, true))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors().get("url"))
                                .anySatisfy(m -> assertThat(m).contains("does not resolve")));
        OutboundGuard.Checked later = STRICT.validateForLater("url", unresolved, true);
        assertThat(later.resolved()).isFalse();
        assertThat(later.uri()).hasHost("hooks.not-set-up-yet.invalid");
        assertThat(STRICT.validateForLater("url", "https://8.8.8.8/", true).resolved())
                .isTrue();
        for (String refused : List.of(
                "https://10.0.0.1/hook",
                "https://[::ffff:127.0.0.1]/",
                "https://0x7f000001/",
                "https://2130706433/",
                "https://0177.0.0.1/",
                "https://127.1/",
                "https://0x7f.0.0.1/")) {
            assertThatThrownBy(() -> STRICT.validateForLater("url", refused, true))
                    .as(refused)
                    .isInstanceOf(ApiException.class);
            assertThatThrownBy(() -> STRICT.check(URI.create(refused)))
                    .as(refused)
                    .isInstanceOf(OutboundRefusedException.class)
                    .isNotInstanceOf(UnresolvedHostException.class);
        }
        assertThatThrownBy(() -> STRICT.validateForLater("url", "http://hooks.not-set-up-yet.invalid/", true))
                .isInstanceOf(ApiException.class);
    }
}
