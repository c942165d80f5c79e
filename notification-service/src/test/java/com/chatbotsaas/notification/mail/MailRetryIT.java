package com.chatbotsaas.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.notification.support.NotificationIntegrationTest;
import com.chatbotsaas.notification.support.TestMail;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

class MailRetryIT extends NotificationIntegrationTest {

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    Mailer mailer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    NotificationProperties properties;

    @AfterEach
    void restart() {
        if (!dispatcher.isRunning()) {
            dispatcher.start();
        }
    }

    @Test
    void anEmailTheSmtpServerDidNotTakeIsRetriedAndSentOnceItIsBack() throws IOException {
        dispatcher.stop();
        String email = "retry-" + UUID.randomUUID() + "@example.test";
        mailer.send(
                "test:" + email,
                "welcome",
                email,
                null,
                List.of("Rita"),
                Map.of("name", "Rita", "loginUrl", "https://console.test/login"));

        // The same queue, served by a sender whose SMTP server is down.
        JavaMailSenderImpl down = new JavaMailSenderImpl();
        down.setHost("127.0.0.1");
        down.setPort(closedPort());
        MailDispatcher unlucky = new MailDispatcher(jdbc, transactions, down, properties, new SimpleMeterRegistry());
        for (int i = 0; i < 500 && attempts(email) == 0; i++) {
            if (!unlucky.sendOne()) {
                break;
            }
        }
        assertThat(attempts(email)).isEqualTo(1);
        assertThat(count("status = 'pending' and last_error is not null and next_attempt_at > now()", email))
                .isEqualTo(1);
        assertThat(TestMail.to(email)).isEmpty();

        dispatcher.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> TestMail.to(email).size() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("status = 'sent' and attempts = 2 and html_body is null", email) == 1);
    }

    private static long attempts(String email) {
        return TestInfrastructure.get()
                .queryForLong(
                        "select coalesce(max(attempts), 0) from notification.outgoing_mail where recipient = ?", email);
    }

    private static long count(String condition, String email) {
        return TestInfrastructure.get()
                .queryForLong(
                        "select count(*) from notification.outgoing_mail where recipient = ? and " + condition, email);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
