package com.chatbotsaas.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.platform.outbound.OutboundGuard;
import com.chatbotsaas.platform.outbound.OutboundProperties;
import com.chatbotsaas.platform.web.ApiException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlsTest {

    private static final OutboundGuard GUARD = new OutboundGuard(new OutboundProperties(List.of(), null, 0));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://[::1]/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://10.1.2.3/hook",
                "https://172.16.0.10/hook",
                "https://172.31.255.1/hook",
                "https://192.168.1.20/hook",
                "https://[fd00::1]/hook",
                "https://0.0.0.0/hook",
                "https://224.0.0.1/hook"
            })
    void refusesPrivateLoopbackAndLinkLocalTargets(String url) {
        assertThatThrownBy(() -> urls(true).check(url))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).errors()).containsKey("url"));
    }

    @Test
    void requiresHttpsOutsideADevelopmentConfiguration() {
        assertThatThrownBy(() -> urls(true).check("http://93.184.215.14/hook"))
                .isInstanceOf(ApiException.class)
                .satisfies(
                        e -> assertThat(((ApiException) e).errors().get("url")).containsExactly("must use https"));
        assertThat(urls(false).check("http://93.184.215.14/hook").uri())
                .isEqualTo(URI.create("http://93.184.215.14/hook"));
        assertThat(urls(true).check("https://93.184.215.14/hook")).isNotNull();
    }

    @Test
    void refusesCredentialsFragmentsAndOtherSchemes() {
        assertThatThrownBy(() -> urls(true).check("https://user:pw@93.184.215.14/hook"))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> urls(true).check("https://93.184.215.14/hook#x"))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> urls(true).check("ftp://93.184.215.14/hook")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> urls(true).check("not a url")).isInstanceOf(ApiException.class);
    }

    @Test
    void showsOnlyTheOriginOutsideTheWebhookApi() {
        assertThat(WebhookUrls.redacted("https://hooks.example.com/services/T0/B0/secret?x=1"))
                .isEqualTo("https://hooks.example.com/…");
        assertThat(WebhookUrls.redacted("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
    }

    private static WebhookUrls urls(boolean requireHttps) {
        NotificationProperties properties = new NotificationProperties(
                URI.create("https://console.test"),
                new NotificationProperties.Mail(
                        "a@b.test", 3, Duration.ofSeconds(1), Duration.ofSeconds(1), Set.of("en")),
                new NotificationProperties.Webhooks(
                        requireHttps,
                        Duration.ofSeconds(3),
                        List.of(Duration.ofSeconds(1)),
                        0,
                        2,
                        Duration.ofSeconds(1),
                        10,
                        2,
                        20,
                        10,
                        null));
        return new WebhookUrls(GUARD, properties);
    }
}
