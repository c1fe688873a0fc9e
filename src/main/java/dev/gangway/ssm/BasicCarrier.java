package dev.gangway.ssm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.gangway.ssm.protocol.ShellPayloads;

/**
 * One connection at a time, as the plugin's basic mode: the channel's bytes are the current
 * connection's; when it ends, DisconnectToPort tells the agent to close its side, and the next
 * connection waits in the backlog until then.
 */
final class BasicCarrier implements PortForward.Carrier {

    private static final Logger LOG = Logger.getLogger(BasicCarrier.class.getName());

    private final SsmShell channel;
    private final AtomicLong sent;
    private final AtomicLong received;
    private final boolean oneConnection;
    private final Consumer<Socket> closer;
    private Socket current;
    /**
     * What the destination said before the first connection came to hear it: the agent dials at
     * the session's start, and a server that speaks first (SSH's banner) must not be cut short.
     * Bytes that come while no connection is open after that were the last one's: dropped, so
     * one connection never reads another's.
     */
    private final ByteArrayOutputStream early = new ByteArrayOutputStream();
    private boolean served;

    /**
     * @param sent            the forward's count of bytes sent to the destination
     * @param received        and of bytes received from it
     * @param oneConnection   SSH's own session: no DisconnectToPort, the session ends with the connection
     * @param closer          closes a connection and forgets it in the forward's list
     */
    BasicCarrier(SsmShell channel, AtomicLong sent, AtomicLong received, boolean oneConnection,
            Consumer<Socket> closer) {
        this.channel = channel;
        this.sent = sent;
        this.received = received;
        this.oneConnection = oneConnection;
        this.closer = closer;
        Thread t = new Thread(this::fromAgent, "gangway-forward-basic");
        t.setDaemon(true);
        t.start();
    }

    private void fromAgent() {
        byte[] buffer = new byte[16384];
        try (InputStream in = channel.output()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                Socket s;
                synchronized (this) {
                    s = current;
                    if (s == null) {
                        if (!served) {
                            early.write(buffer, 0, n);
                        }
                        continue;
                    }
                }
                try {
                    s.getOutputStream().write(buffer, 0, n);
                    received.addAndGet(n);
                } catch (IOException e) {
                    closer.accept(s);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "the forward's session ended", e);
        }
        // The session is over (the destination closed SSH's, or it was terminated).
        Socket s;
        synchronized (this) {
            s = current;
        }
        if (s != null) {
            closer.accept(s);
        }
    }

    @Override
    public void carry(Socket local) throws IOException {
        synchronized (this) {
            current = local;
            served = true;
            if (early.size() > 0) {
                local.getOutputStream().write(early.toByteArray());
                received.addAndGet(early.size());
                early.reset();
            }
        }
        byte[] buffer = new byte[16384];
        OutputStream out = channel.input();
        try (InputStream in = local.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                sent.addAndGet(n);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "a connection through the forward ended", e);
        } finally {
            synchronized (this) {
                current = null;
            }
            closer.accept(local);
            if (!oneConnection && channel.isOpen()) {
                channel.flag(ShellPayloads.DISCONNECT_TO_PORT);
            }
        }
    }

    @Override
    public void close() {
        Socket s;
        synchronized (this) {
            s = current;
        }
        if (s != null) {
            closer.accept(s);
        }
    }
}
