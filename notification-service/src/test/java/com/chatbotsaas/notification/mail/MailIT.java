package com.chatbotsaas.notification.mail;

import static com.chatbotsaas.notification.support.Events.change;
import static com.chatbotsaas.notification.support.Events.data;
import static com.chatbotsaas.notification.support.Events.event;
import static com.chatbotsaas.notification.support.Events.message;
import static com.chatbotsaas.notification.support.Events.publish;
import static com.chatbotsaas.notification.support.Events.publishMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.notification.support.NotificationIntegrationTest;
import com.chatbotsaas.notification.support.TestMail;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

class MailIT extends NotificationIntegrationTest {

    // Generous: on a shared machine another instance of this service may hold an email for a retry first.
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Autowired
    RabbitTemplate rabbit;

    @Test
    void welcomesARegisteredUserInEnglishWithALinkToTheConsole() throws Exception {
        String email = unique("ada");
        register(UUID.randomUUID(), email, "Ada Lovelace");

        MimeMessage mail = awaitOne(email);
        assertThat(mail.getSubject()).isEqualTo("Welcome to Chatbot SaaS, Ada Lovelace");
        String body = TestMail.body(mail);
        assertThat(body).contains("Hello Ada Lovelace,").contains("https://console.test/login");
        assertThat(body).contains("<a href=\"https://console.test/login\"");
        assertThat(body).contains("lang=\"en\"");
    }

    @Test
    void aRedeliveredEventSendsNothingNew() throws Exception {
        String email = unique("twice");
        ObjectNode registered = registration(UUID.randomUUID(), email, "Twice");
        publish(registered);
        awaitOne(email);

        publish(registered);
        // A later event on the same queue: once its email is out, the duplicate before it has been handled.
        String sentinel = unique("sentinel");
        register(UUID.randomUUID(), sentinel, "Sentinel");
        awaitOne(sentinel);

        assertThat(TestMail.to(email)).hasSize(1);
        assertThat(TestInfrastructure.get()
                        .queryForLong("select count(*) from notification.outgoing_mail where recipient = ?", email))
                .isEqualTo(1);
    }

    @Test
    void tellsAUserCreatedByAnAdministratorWhereToSignInOnlyOnce() throws Exception {
        UUID org = UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        String email = unique("grace");
        ObjectNode created = event("org.create.success");
        created.put("orgid", org.toString());
        data(created)
                .put("resource_id", org.toString())
                .put("name", "Acme " + org.toString().substring(0, 6));
        publish(created);
        // auth-service's account event and user-org-service's user event for the same administrator action.
        ObjectNode account = event("user.create.success");
        data(account).put("resource_id", userId.toString()).put("email", email);
        publish(account);
        ObjectNode user = event("user.create.success");
        user.put("source", "/user-org-service");
        user.put("orgid", org.toString());
        user.put("actortype", "user");
        data(user)
                .put("resource_type", "user")
                .put("resource_id", userId.toString())
                .put("email", email)
                .put("name", "Grace Hopper")
                .put("role", "admin");
        publish(user);

        MimeMessage mail = awaitOne(email);
        assertThat(mail.getSubject())
                .isEqualTo("An account was created for you in Acme "
                        + org.toString().substring(0, 6));
        assertThat(TestMail.body(mail)).contains("Hello Grace Hopper,").contains("https://console.test/login");
        String sentinel = unique("sentinel");
        register(UUID.randomUUID(), sentinel, "Sentinel");
        awaitOne(sentinel);
        assertThat(TestMail.to(email)).hasSize(1);
    }

    @Test
    void invitesInTheInviteesLanguageWithTheAcceptLink() throws Exception {
        UUID userId = UUID.randomUUID();
        String email = unique("hedy");
        register(userId, email, "Hedy Lamarr");
        awaitOne(email);
        ObjectNode german = event("auth.register.success");
        german.put("type", "com.chatbotsaas.user.update");
        german.put("source", "/user-org-service");
        data(german).removeAll();
        data(german).put("resource_type", "user").put("resource_id", userId.toString());
        change(german, "locale", "en", "de");
        publish(german);
        await().atMost(WAIT)
                .until(() -> TestInfrastructure.get()
                                .queryForLong(
                                        "select count(*) from notification.recipient where user_id = ? and locale = 'de'",
                                        userId)
                        == 1);

        ObjectNode invitation = message("invitation");
        data(invitation).put("email", email).put("organization_name", "Initech").put("inviter_name", "Ada");
        String token = data(invitation).path("token").asString();
        publishMessage(rabbit, "invitation", "notification.invitation", invitation);

        MimeMessage mail = awaitMail(email, 2).get(1);
        assertThat(mail.getSubject()).isEqualTo("Ada lädt Sie zu Initech ein");
        String body = TestMail.body(mail);
        assertThat(body).contains("https://console.test/invitations/" + token).contains("lang=\"de\"");
        assertThat(body).contains("Einladung annehmen");
    }

    @Test
    void sendsThePasswordResetLinkInEnglishByDefaultAndInTheUsersLanguageWhenKnown() throws Exception {
        String stranger = unique("reset");
        ObjectNode reset = message("password-reset");
        data(reset).put("user_id", UUID.randomUUID().toString()).put("email", stranger);
        String token = data(reset).path("token").asString();
        publishMessage(rabbit, "password-reset", "auth.password.reset_requested", reset);

        MimeMessage english = awaitOne(stranger);
        assertThat(english.getSubject()).isEqualTo("Reset your password");
        assertThat(TestMail.body(english))
                .contains("https://console.test/password/reset?token=" + token)
                .contains("2026-01-27 11:40 UTC");

        UUID userId = UUID.randomUUID();
        String french = unique("marie");
        register(userId, french, "Marie Curie");
        awaitOne(french);
        ObjectNode locale = event("auth.register.success");
        locale.put("type", "com.chatbotsaas.user.update");
        locale.put("source", "/user-org-service");
        data(locale).removeAll();
        data(locale).put("resource_type", "user").put("resource_id", userId.toString());
        change(locale, "locale", "en", "fr-CA");
        publish(locale);
        await().atMost(WAIT)
                .until(() -> TestInfrastructure.get()
                                .queryForLong(
                                        "select count(*) from notification.recipient where user_id = ? and locale = 'fr-CA'",
                                        userId)
                        == 1);
        ObjectNode frenchReset = message("password-reset");
        data(frenchReset).put("user_id", userId.toString()).put("email", french);
        publishMessage(rabbit, "password-reset", "auth.password.reset_requested", frenchReset);

        MimeMessage mail = awaitMail(french, 2).get(1);
        assertThat(mail.getSubject()).isEqualTo("Réinitialiser votre mot de passe");
        assertThat(TestMail.body(mail)).contains("qu'une fois");
    }

    @Test
    void sendsTheEmailVerificationLinkToTheAddressToVerify() throws Exception {
        String email = unique("verify");
        ObjectNode verification = message("email-verification");
        data(verification).put("user_id", UUID.randomUUID().toString()).put("email", email);
        String token = data(verification).path("token").asString();
        publishMessage(rabbit, "email-verification", "auth.email.verification_requested", verification);

        MimeMessage mail = awaitOne(email);
        assertThat(mail.getSubject()).isEqualTo("Confirm your email address");
        String body = TestMail.body(mail);
        assertThat(body)
                .contains("Hello Ada Lovelace,")
                .contains("<a href=\"https://console.test/email/verify?token=" + token + "\"")
                .contains("Confirm my email: https://console.test/email/verify?token=" + token)
                .contains("2026-01-28 10:30 UTC");
    }

    @Test
    void warnsTheOwnerOfAnAccountWhosePasswordChangedOrWasReset() throws Exception {
        UUID userId = UUID.randomUUID();
        String email = unique("alan");
        register(userId, email, "Alan Turing");
        awaitOne(email);

        ObjectNode changed = event("auth.password.change.success");
        changed.put("actorid", userId.toString());
        data(changed).put("resource_id", userId.toString());
        publish(changed);
        MimeMessage mail = awaitMail(email, 2).get(1);
        assertThat(mail.getSubject()).isEqualTo("Your password was changed");
        assertThat(TestMail.body(mail))
                .contains("Hello Alan Turing,")
                .contains("2026-01-27 10:35 UTC")
                .contains("https://console.test/password/forgot");

        ObjectNode reset = event("auth.password.reset.success");
        reset.put("actorid", userId.toString());
        data(reset).put("resource_id", userId.toString());
        publish(reset);
        awaitMail(email, 3);
    }

    private static void register(UUID userId, String email, String name) {
        publish(registration(userId, email, name));
    }

    private static ObjectNode registration(UUID userId, String email, String name) {
        ObjectNode registered = event("auth.register.success");
        registered.put("actorid", userId.toString());
        data(registered)
                .put("resource_id", userId.toString())
                .put("email", email)
                .put("name", name);
        return registered;
    }

    private static MimeMessage awaitOne(String email) {
        return awaitMail(email, 1).get(0);
    }

    private static List<MimeMessage> awaitMail(String email, int count) {
        await().atMost(WAIT).until(() -> TestMail.to(email).size() >= count);
        return TestMail.to(email);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID() + "@example.test";
    }
}
