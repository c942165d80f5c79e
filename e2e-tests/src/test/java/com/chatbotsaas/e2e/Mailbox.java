package com.chatbotsaas.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The suite's SMTP server (GreenMail on a free local port, started once with the suite): notification-service sends
 * every email here, and tests read them as the person they were sent to, links included.
 */
final class Mailbox {

    private static final Pattern LINK = Pattern.compile("href=\"([^\"]+)\"");
    private static GreenMail server;

    private Mailbox() {}

    /** Starts the server once; answers its SMTP port. */
    static synchronized int start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server.getSmtp().getPort();
    }

    /**
     * Waits for the email to {@code recipient} that links to {@code path} (for example {@code /invitations/}) and
     * answers that link as the email's HTML carries it.
     */
    static String link(String recipient, String path) {
        return Awaitility.await("an email to " + recipient + " linking to " + path)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> find(recipient, path), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<String> find(String recipient, String path) throws MessagingException, IOException {
        for (MimeMessage message : server.getReceivedMessages()) {
            if (!addressedTo(message, recipient)) {
                continue;
            }
            Matcher links = LINK.matcher(html(message));
            while (links.find()) {
                String link = links.group(1).replace("&amp;", "&");
                if (java.net.URI.create(link).getPath().startsWith(path)) {
                    return Optional.of(link);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean addressedTo(MimeMessage message, String recipient) throws MessagingException {
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(recipient));
    }

    private static String html(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/html")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                all.append(html(body));
            }
            return all.toString();
        }
        return "";
    }
}
