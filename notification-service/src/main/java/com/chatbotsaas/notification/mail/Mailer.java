package com.chatbotsaas.notification.mail;

import com.chatbotsaas.platform.data.Uuids;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues an email in the caller's transaction; {@link MailDispatcher} sends it after commit and retries it. The same
 * {@code dedupKey} (an event id with the template and recipient) never queues a second email.
 */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JdbcClient jdbc;
    private final MailTemplates templates;
    private final MailDispatcher sender;

    Mailer(JdbcClient jdbc, MailTemplates templates, MailDispatcher sender) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.sender = sender;
    }

    /**
     * @param locale the recipient's language tag when known
     * @return whether an email was queued (false when this key was queued before)
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public boolean send(
            String dedupKey,
            String template,
            String to,
            @Nullable String locale,
            List<Object> subjectArgs,
            Map<String, Object> model) {
        Locale resolved = templates.locale(locale);
        MailTemplates.Rendered mail = templates.render(template, resolved, subjectArgs, model);
        int inserted = jdbc.sql("""
                        insert into outgoing_mail (id, dedup_key, template, recipient, locale, subject, html_body,
                        text_body, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, ?, now())
                        on conflict (dedup_key) do nothing""")
                .params(
                        Uuids.v7(),
                        dedupKey,
                        template,
                        to,
                        resolved.toLanguageTag(),
                        mail.subject(),
                        mail.html(),
                        mail.text())
                .update();
        if (inserted == 0) {
            log.info("Email {} for {} already queued; not sent again", template, dedupKey);
            return false;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.wakeUp();
                }
            });
        } else {
            sender.wakeUp();
        }
        return true;
    }
}
