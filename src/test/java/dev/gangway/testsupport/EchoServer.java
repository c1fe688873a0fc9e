package dev.gangway.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A service on 127.0.0.1 that sends every connection's bytes back until it ends: a forward's far end. */
public final class EchoServer implements AutoCloseable {

    private final ServerSocket server;

    public EchoServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "test-echo");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> {
                try (s) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException e) {
                    // the end
                }
            }, "test-echo-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
