package com.chatbotsaas.auth.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the real Keycloak whose failure mode a test chooses: pass everything through, accept
 * connections and never answer, or listen on nothing at all (connection refused). Switching closes every open
 * connection, so pooled keep-alive connections cannot outlive the mode they were made in.
 */
final class FaultyProxy implements AutoCloseable {

    enum Mode {
        FORWARD,
        HANG
    }

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket server;

    FaultyProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = bind(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Listens again (on the same port) in the given mode. */
    synchronized void listen(Mode mode) {
        this.mode = mode;
        closeConnections();
        if (server.isClosed()) {
            server = bind(port);
            accept(server);
        }
    }

    /** Nothing listens on the port any more: connections are refused. */
    synchronized void stopListening() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        closeConnections();
    }

    @Override
    public void close() {
        stopListening();
    }

    private void accept(ServerSocket listening) {
        Thread.ofVirtual().name("faulty-proxy-accept").start(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    open.add(client);
                    Thread.ofVirtual().start(() -> serve(client));
                } catch (IOException e) {
                    // Closed by stopListening().
                }
            }
        });
    }

    private void serve(Socket client) {
        try (client) {
            if (mode == Mode.HANG) {
                drain(client.getInputStream());
                return;
            }
            try (Socket upstream = new Socket(targetHost, targetPort)) {
                open.add(upstream);
                Thread.ofVirtual().start(() -> pipe(upstream, client));
                pipe(client, upstream);
            }
        } catch (IOException e) {
            // A connection closed by either side or by a mode switch.
        } finally {
            open.remove(client);
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        while (in.read(buffer) >= 0) {
            // Read and never answer.
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // Either side went away.
        }
    }

    private void closeConnections() {
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
        open.clear();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
