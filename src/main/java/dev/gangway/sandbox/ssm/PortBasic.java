package dev.gangway.sandbox.ssm;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's basic mode: one connection to the destination at a time, its bytes the channel's
 * Output as they are. The destination is dialled when the session starts. A port-forwarding
 * session closes it on DisconnectToPort (or when the destination closes) and dials again at the
 * client's next bytes; SSH's session (no {@code LocalPortForwarding} type) ends with it.
 */
final class PortBasic implements PortBridge {

    private static final Logger LOG = Logger.getLogger(PortBasic.class.getName());

    private final Channel channel;
    private final Supplier<Optional<Integer>> destination;
    private final boolean redial;
    private Socket current;
    private volatile boolean closed;

    /**
     * @param redial whether a closed connection is dialled again at the client's next bytes
     *               (port forwarding), rather than ending the session (SSH)
     */
    PortBasic(Channel channel, Supplier<Optional<Integer>> destination, boolean redial) {
        this.channel = channel;
        this.destination = destination;
        this.redial = redial;
        if (dial() == null) {
            channel.end("Unable to start command: failed to connect to the destination port.");
        }
    }

    private synchronized Socket dial() {
        Optional<Integer> port = destination.get();
        if (closed || port.isEmpty()) {
            return null;
        }
        try {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port.get());
            current = s;
            Thread reader = new Thread(() -> pump(s), "sandbox-port-basic");
            reader.setDaemon(true);
            reader.start();
            return s;
        } catch (IOException e) {
            return null;
        }
    }

    /** The destination's bytes to the client; at its end, the next dial (or the session's end). */
    private void pump(Socket s) {
        byte[] buffer = new byte[1024];
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    channel.send(Arrays.copyOf(buffer, n));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "sandbox basic port connection ended", e);
        }
        boolean wasCurrent;
        synchronized (this) {
            wasCurrent = current == s;
            if (wasCurrent) {
                current = null;
            }
        }
        if (wasCurrent && !redial && !closed) {
            channel.end("");
        }
    }

    @Override
    public void feed(byte[] bytes) {
        Socket s;
        synchronized (this) {
            s = current;
        }
        if (s == null && redial) {
            s = dial();
        }
        if (s == null) {
            if (redial) {
                channel.connectError();
            }
            return;
        }
        try {
            s.getOutputStream().write(bytes);
        } catch (IOException e) {
            disconnect();
        }
    }

    @Override
    public synchronized void disconnect() {
        if (current != null) {
            closeQuietly(current);
            current = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        disconnect();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closed anyway
        }
    }
}
