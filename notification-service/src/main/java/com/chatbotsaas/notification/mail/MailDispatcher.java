package com.chatbotsaas.notification.mail;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.platform.core.work.PollingWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued emails over SMTP, one row at a time, each claimed with {@code FOR UPDATE SKIP LOCKED} so that several
 * instances never send the same email. A failure is retried with exponential back-off up to the configured attempts,
 * then logged as given up. Sent bodies are cleared: they may carry one-time links.
 */
@Component
class MailDispatcher extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JavaMailSender smtp;
    private final NotificationProperties.Mail properties;
    private final Counter sent;
    private final Counter failed;

    MailDispatcher(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JavaMailSender smtp,
            NotificationProperties properties,
            MeterRegistry meters) {
        super("mail-dispatcher", properties.mail().pollInterval());
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.smtp = smtp;
        this.properties = properties.mail();
        this.sent = meters.counter("notification.mail.sent");
        this.failed = meters.counter("notification.mail.failed");
    }

    @Override
    protected int runOnce() {
        int handled = 0;
        while (isRunning() && sendOne()) {
            handled++;
        }
        return handled;
    }

    /** Sends the email due first, if any, in a transaction of its own; answers whether there was one. */
    boolean sendOne() {
        return Boolean.TRUE.equals(transactions.execute(status -> sendNext()));
    }

    private boolean sendNext() {
        Mail mail = jdbc.sql("""
                        select id, template, recipient, subject, html_body, text_body, attempts from outgoing_mail
                        where status = 'pending' and next_attempt_at <= now()
                        order by next_attempt_at limit 1 for update skip locked""").query(Mail.class).optional().orElse(null);
        if (mail == null) {
            return false;
        }
        try {
            smtp.send(message(mail));
            jdbc.sql("""
                            update outgoing_mail set status = 'sent', sent_at = now(), attempts = attempts + 1,
                            html_body = null, text_body = null, last_error = null where id = ?""").param(mail.id()).update();
            sent.increment();
            log.info("Sent email {} ({}) to {}", mail.id(), mail.template(), mail.recipient());
        } catch (MailException | MessagingException e) {
            failed.increment();
            int attempts = mail.attempts() + 1;
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (attempts >= properties.maxAttempts()) {
                jdbc.sql("""
                                update outgoing_mail set status = 'failed', attempts = ?, last_error = ?,
                                html_body = null, text_body = null where id = ?""").params(attempts, truncate(error), mail.id()).update();
                log.error(
                        "Gave up email {} ({}) to {} after {} attempts: {}",
                        mail.id(),
                        mail.template(),
                        mail.recipient(),
                        attempts,
                        error);
            } else {
                Duration delay = properties.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
                jdbc.sql("""
                                update outgoing_mail set attempts = ?, last_error = ?,
                                next_attempt_at = now() + (? * interval '1 millisecond') where id = ?""")
                        .params(attempts, truncate(error), delay.toMillis(), mail.id())
                        .update();
                log.warn(
                        "Email {} ({}) to {} failed (attempt {}), retrying in {}: {}",
                        mail.id(),
                        mail.template(),
                        mail.recipient(),
                        attempts,
                        delay,
                        error);
            }
        }
        return true;
    }

    private MimeMessage message(Mail mail) throws MessagingException {
        MimeMessage message = smtp.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.textBody() == null ? "" : mail.textBody(), mail.htmlBody() == null ? "" : mail.htmlBody());
        return message;
    }

    private static String truncate(String error) {
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }

    record Mail(
            UUID id,
            String template,
            String recipient,
            String subject,
            @org.jspecify.annotations.Nullable String htmlBody,
            @org.jspecify.annotations.Nullable String textBody,
            int attempts) {}
}
