package com.chatbotsaas.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket, one connection per request: sends exactly the bytes it is given — request targets
 * and bodies that {@link java.net.URI} and {@link java.net.http.HttpClient} refuse to build (malformed escapes,
 * invalid UTF-8) included.
 */
final class RawHttp {

    /** A response: status, lower-cased header names, the body decoded as UTF-8. */
    record Response(int status, Map<String, String> headers, String body) {}

    private static final int CONTINUE_WAIT_MILLIS = 5000;

    private final String host;
    private final int port;
    private final int timeoutMillis;

    RawHttp(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    Response send(String method, String target, Map<String, String> headers, byte @Nullable [] body)
            throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(timeoutMillis);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            write(head, method + " " + target + " HTTP/1.1\r\n");
            write(head, "Host: " + host + ":" + port + "\r\n");
            write(head, "Connection: close\r\n");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                write(head, header.getKey() + ": " + header.getValue() + "\r\n");
            }
            // A body waits for the server's go-ahead: a refusal decided on the headers alone (too large, forbidden,
            // a path the firewall refuses) is read, not lost to a reset when the server closes with the body unread.
            boolean expectContinue = body != null && body.length > 0;
            if (body != null) {
                write(head, "Content-Length: " + body.length + "\r\n");
            }
            if (expectContinue) {
                write(head, "Expect: 100-continue\r\n");
            }
            write(head, "\r\n");
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.toByteArray());
            out.flush();
            if (expectContinue) {
                // A server that ignores the expectation gets the body after a while (curl waits a second). The
                // gateway always answers one (100 once it reads the body, or its refusal), but on a loaded machine
                // its 100 can take more than a second; a body sent unasked then races an early refusal, and the
                // server's close with the body unread resets the connection before its answer is read.
                socket.setSoTimeout(CONTINUE_WAIT_MILLIS);
                byte[] interim = readHead(in);
                socket.setSoTimeout(timeoutMillis);
                if (interim.length > 0
                        && !new String(interim, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 100")) {
                    return parse(concat(interim, in.readAllBytes()));
                }
            }
            if (body != null) {
                out.write(body);
                out.flush();
            }
            return parse(in.readAllBytes());
        } catch (SocketTimeoutException e) {
            throw new IOException("No answer within " + timeoutMillis + " ms: " + method + " " + target, e);
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        try {
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                last4 = (last4 << 8) | b;
                if (last4 == 0x0D0A0D0A) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            if (head.size() > 0) {
                throw e;
            }
        }
        return head.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static Response parse(byte[] all) throws IOException {
        int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (split > 0 && new String(all, 0, split, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 100")) {
            // A late 100 Continue, read together with the final answer after the body was sent.
            return parse(java.util.Arrays.copyOfRange(all, split + 4, all.length));
        }
        if (split < 0) {
            throw new IOException("Not an HTTP response: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, split, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(all, split + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(chunked, start, Math.min(size, chunked.length - start));
            at = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, pattern, 0);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
