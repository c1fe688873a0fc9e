package dev.gangway.sandbox.ssm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The sandbox's stand-in for a database behind an instance (its own port 5432, or an RDS endpoint
 * it reaches): a loopback listener that greets and sends back every line, so that a port forward
 * to it can be tried by hand ({@code nc 127.0.0.1 PORT}) and by tests.
 */
public final class SandboxDatabase implements AutoCloseable {

    /** What a connection is greeted with, before its lines come back. */
    public static final String GREETING = "sandbox-db ready: lines come back as they are";

    private final ServerSocket server;

    public SandboxDatabase() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "sandbox-db");
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
            Thread t = new Thread(() -> echo(s), "sandbox-db-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void echo(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                StandardCharsets.UTF_8))) {
            OutputStream out = s.getOutputStream();
            out.write((GREETING + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closed anyway
        }
    }
}
