package com.chatbotsaas.notification.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/** One GreenMail SMTP server for the module's tests, on a free port of this machine. */
public final class TestMail {

    private static final GreenMail SERVER = start();

    private TestMail() {}

    public static int port() {
        return SERVER.getSmtp().getPort();
    }

    /** Every email received so far for this address. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(SERVER.getReceivedMessages())
                .filter(message -> recipients(message).contains(address.toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    /** The decoded text of every text part (plain and HTML) of an email. */
    public static String body(MimeMessage message) {
        try {
            StringBuilder text = new StringBuilder();
            collect(message.getContent(), message.getContentType(), text);
            return text.toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Object content, String type, StringBuilder text)
            throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), text);
            }
        } else if (content instanceof String string) {
            text.append("\n--- ").append(type).append(" ---\n").append(string);
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients()).toLowerCase(java.util.Locale.ROOT);
        } catch (MessagingException e) {
            return "";
        }
    }

    private static GreenMail start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }
}
