package com.chatbotsaas.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every email, rendered with the same sample data, is exactly what it was when each template still carried its own
 * page head and footer ({@code src/test/resources/mail-rendered/}, captured once from those templates): the shared
 * layout changes no byte of what recipients get.
 */
class MailRenderingTest {

    private static final MailTemplates TEMPLATES = MailTemplatesTest.TEMPLATES;

    private static final Map<String, Object> MODEL = Map.ofEntries(
            Map.entry("name", "Ada <script>"),
            Map.entry("organizationName", "Acme & Co"),
            Map.entry("inviterName", "Grace \"G\" Hopper"),
            Map.entry("role", "admin"),
            Map.entry("loginUrl", "https://console.test/login"),
            Map.entry("acceptUrl", "https://console.test/invitations/t%2Bk"),
            Map.entry("resetUrl", "https://console.test/password/reset?token=t&email=a%40b.test"),
            Map.entry("forgotUrl", "https://console.test/password/forgot"),
            Map.entry("verifyUrl", "https://console.test/email/verify?token=t"),
            Map.entry("webhooksUrl", "https://console.test/organizations/o/webhooks/w"),
            Map.entry("url", "https://hooks.example.com/in?a=1&b=2"),
            Map.entry("failures", 5),
            Map.entry("when", "2026-01-27 10:35 UTC"),
            Map.entry("expiresAt", "2026-01-27 11:40 UTC"));

    @ParameterizedTest
    @CsvSource({
        "welcome, en", "welcome, de", "welcome, fr",
        "user-created, en", "user-created, de", "user-created, fr",
        "invitation, en", "invitation, de", "invitation, fr",
        "password-reset, en", "password-reset, de", "password-reset, fr",
        "email-verification, en", "email-verification, de", "email-verification, fr",
        "password-changed, en", "password-changed, de", "password-changed, fr",
        "webhook-disabled, en", "webhook-disabled, de", "webhook-disabled, fr"
    })
    void rendersEveryEmailExactlyAsBeforeTheSharedLayout(String template, String language) {
        MailTemplates.Rendered mail =
                TEMPLATES.render(template, Locale.of(language), List.of("Grace", "Acme & Co"), MODEL);

        assertThat(mail.html()).isEqualTo(expected(template + "." + language + ".html"));
        assertThat(mail.text()).isEqualTo(expected(template + "." + language + ".txt"));
    }

    private static String expected(String name) {
        try (InputStream in = MailRenderingTest.class.getResourceAsStream("/mail-rendered/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
