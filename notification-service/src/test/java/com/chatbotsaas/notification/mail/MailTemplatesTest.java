package com.chatbotsaas.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.notification.config.NotificationProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailTemplatesTest {

    /** The templates with test properties; the rendering test uses the same. */
    static final MailTemplates TEMPLATES = new MailTemplates(new NotificationProperties(
            URI.create("https://console.test"),
            new NotificationProperties.Mail(
                    "a@b.test", 3, Duration.ofSeconds(1), Duration.ofSeconds(1), Set.of("en", "de", "fr")),
            new NotificationProperties.Webhooks(
                    true, Duration.ofSeconds(1), List.of(), 0, 1, Duration.ofSeconds(1), 1, 1, 20, 10, null)));

    private static final Map<String, Object> MODEL = Map.of(
            "name", "Ada <script>",
            "organizationName", "Acme",
            "inviterName", "Grace <script>",
            "role", "admin",
            "loginUrl", "https://console.test/login",
            "acceptUrl", "https://console.test/invitations/t",
            "resetUrl", "https://console.test/password/reset?token=t&email=a",
            "forgotUrl", "https://console.test/password/forgot",
            "webhooksUrl", "https://console.test/organizations/o/webhooks/w",
            "expiresAt", "2026-01-27 11:40 UTC");

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
    void everyTemplateRendersCompletelyInEveryLanguage(String template, String language) {
        Map<String, Object> model = new java.util.HashMap<>(MODEL);
        model.put("url", "https://hooks.example.com/…");
        model.put("failures", 5);
        model.put("verifyUrl", "https://console.test/email/verify?token=t");
        model.put("when", "2026-01-27 10:35 UTC");
        MailTemplates.Rendered mail = TEMPLATES.render(template, Locale.of(language), List.of("Grace", "Acme"), model);

        assertThat(mail.subject()).isNotBlank().doesNotContain("??").doesNotContain("{0}");
        assertThat(mail.html()).doesNotContain("??").doesNotContain("{0}").contains("lang=\"" + language + "\"");
        assertThat(mail.text()).doesNotContain("??").doesNotContain("{0}").doesNotContain("[(");
        assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @ParameterizedTest
    @CsvSource({"de-AT, de", "fr_CA, fr", "en-GB, en", "ja, en", "'', en", "xx-invalid-tag, en"})
    void picksTheClosestSupportedLanguageOrEnglish(String tag, String expected) {
        assertThat(TEMPLATES.locale(tag).getLanguage()).isEqualTo(expected);
    }
}
