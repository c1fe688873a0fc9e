package dev.gangway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 to another loopback port that can go silent: once frozen, it keeps the
 * connections open but passes nothing on either way, as a half-open connection does (a NAT entry
 * gone, a laptop asleep): no close, no error, just silence.
 */
public final class FreezableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;

    public FreezableProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on nothing passes, and nothing is closed. */
    public void freeze() {
        frozen = true;
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(upstream);
                pump(client.getInputStream(), upstream.getOutputStream(), true);
                pump(upstream.getInputStream(), client.getOutputStream(), false);
            }
        } catch (IOException e) {
            // closed
        }
    }

    /**
     * Copies {@code in} to {@code out}; from the client, the request's {@code Host} names the target's
     * port, as a proxy that forwards to a server would (the sandbox refuses a foreign Host).
     */
    private void pump(InputStream in, OutputStream out, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            boolean first = fromClient;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (frozen) {
                        continue;
                    }
                    if (first) {
                        first = false;
                        String head = new String(buffer, 0, n, StandardCharsets.ISO_8859_1)
                                .replace("Host: 127.0.0.1:" + port(), "Host: 127.0.0.1:" + target);
                        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        out.write(buffer, 0, n);
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // closed
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
