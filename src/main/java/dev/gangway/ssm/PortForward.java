package dev.gangway.ssm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.connect.EndSignal;
import dev.gangway.connect.Forward;
import dev.gangway.connect.LocalListener;
import dev.gangway.instance.Instance;
import dev.gangway.ssm.protocol.PortMode;
import dev.gangway.ssm.protocol.ShellPayloads;

/**
 * A port forwarded over Session Manager: a local port on 127.0.0.1 whose every connection is a
 * stream of one multiplexed port session (smux over the data channel) to a port on the instance,
 * or to a host and port it reaches; with an agent too old for smux, the connections take turns
 * (the basic mode). SSH's own session (AWS-StartSSHSession) is a forward of one connection. The session resumes like a shell's when its channel drops;
 * closing the forward ends its connections and terminates the session.
 */
public final class PortForward implements Forward {

    private static final Logger LOG = Logger.getLogger(PortForward.class.getName());

    private final SsmShell channel;
    private final Carrier carrier;
    /** Whether the forward ends with its first connection (SSH's own session, AWS-StartSSHSession). */
    private final boolean oneConnection;
    private final LocalListener listener;
    private final String remoteHost;
    private final int remotePort;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean closed;
    /** Whether the session ended by itself (lost, terminated elsewhere, timed out) rather than by {@link #close}. */
    private volatile boolean endedByItself;
    private final EndSignal end = new EndSignal();

    private PortForward(SsmShell channel, LocalListener listener, String remoteHost, int remotePort,
            boolean oneConnection) {
        this.channel = channel;
        this.listener = listener;
        this.remoteHost = remoteHost;
        this.remotePort = remotePort;
        this.oneConnection = oneConnection;
        this.carrier = channel.portMode() == PortMode.MULTIPLEXED ? new Multiplexed()
                : new BasicCarrier(channel, sent, received, oneConnection, listener::closeQuietly);
        channel.onFlag(f -> {
            if (f == ShellPayloads.CONNECT_TO_PORT_ERROR) {
                refused.incrementAndGet();
            }
        });
        listener.start("gangway-forward-" + listener.port(), carrier::carry, oneConnection, this::close);
        // A session that ends by itself takes the forward with it: the port stops listening, and it is said.
        Thread watch = new Thread(() -> {
            channel.awaitEnd();
            if (!closed) {
                endedByItself = true;
                close();
            }
        }, "gangway-forward-watch-" + listener.port());
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * Forwards {@code remotePort} of {@code instance} (or of {@code remoteHost} as the instance
     * reaches it, when not null) to {@code localPort} on 127.0.0.1 (0: any free port).
     */
    public static PortForward open(CloudAccess access, Instance instance, String remoteHost, int remotePort,
            int localPort) throws CloudException, IOException, InterruptedException {
        LocalListener listener = LocalListener.bind(localPort);
        try {
            SsmSessions.Started session = SsmSessions.startPortForwarding(access, instance, remoteHost, remotePort,
                    listener.port());
            return new PortForward(channel(access, instance, session), listener, remoteHost, remotePort, false);
        } catch (CloudException | IOException | InterruptedException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /**
     * SSH's own session to {@code sshPort} of {@code instance} (AWS-StartSSHSession): a local port on
     * 127.0.0.1 for one connection, the SSH client's; the forward ends with it.
     */
    public static PortForward openSsh(CloudAccess access, Instance instance, int sshPort)
            throws CloudException, IOException, InterruptedException {
        LocalListener listener = LocalListener.bind(0);
        try {
            SsmSessions.Started session = SsmSessions.startSsh(access, instance, sshPort);
            return new PortForward(channel(access, instance, session), listener, null, sshPort, true);
        } catch (CloudException | IOException | InterruptedException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    private static SsmShell channel(CloudAccess access, Instance instance, SsmSessions.Started session)
            throws IOException, InterruptedException {
        return SsmShell.open(session, SsmSessions.service(access, instance), 0, 0, SsmShellOpener.HANDSHAKE);
    }

    /** Whether its connections share one session (smux), or take turns (an agent older than 3.0.196.0; SSH's session). */
    public PortMode mode() {
        return carrier instanceof BasicCarrier ? PortMode.BASIC : PortMode.MULTIPLEXED;
    }

    @Override
    public String host() {
        return listener.host();
    }

    @Override
    public String route() {
        return "Session Manager";
    }

    @Override
    public int port() {
        return listener.port();
    }

    /** Where it leads: "host:port" as seen from the instance ("localhost:5432" for its own port). */
    public String destination() {
        return (remoteHost == null ? "localhost" : remoteHost) + ":" + remotePort;
    }

    public int openConnections() {
        return listener.openConnections();
    }

    /** Bytes sent to the destination, and received from it, over all connections. */
    public long bytesSent() {
        return sent.get();
    }

    public long bytesReceived() {
        return received.get();
    }

    /** Connections the agent could not make to the destination (nothing listens there, or it is refused). */
    public int refusedConnections() {
        return refused.get();
    }

    /** Connections refused because another OS user made them (where the OS can tell; see LocalPeers). */
    public int otherUsersRefused() {
        return listener.othersRefused();
    }

    @Override
    public boolean isOpen() {
        return !closed && channel.isOpen();
    }

    public String sessionId() {
        return channel.sessionId();
    }

    /** How often the session's channel dropped and was resumed. */
    public int resumes() {
        return channel.resumes();
    }

    /** Why the session ended early, when it did (it could not be resumed, it timed out). */
    public Optional<String> endReason() {
        return channel.failure();
    }

    /** Whether the session ended by itself (lost, terminated elsewhere, timed out), not because it was closed here. */
    public boolean endedByItself() {
        return endedByItself;
    }

    /** Calls {@code listener} once the forward has ended, closed here or by its session's end. */
    public void onEnd(Runnable listener) {
        end.onEnd(listener);
    }

    /** How the connections ride the session. */
    interface Carrier {
        /** Carries {@code local} (returning at once, or when it ends, for a mode of one connection at a time). */
        void carry(Socket local) throws IOException;

        void close();
    }

    /** Each connection a stream of smux, all at once. */
    private final class Multiplexed implements Carrier {
        private final SmuxClient mux = new SmuxClient(channel.output(), channel.input(),
                PortMode.clientKeepAlive(channel.agentVersion()));

        @Override
        public void carry(Socket local) throws IOException {
            SmuxClient.Stream stream = mux.open();
            pump(local.getInputStream(), stream.output(), sent, stream::close);
            pump(stream.input(), local.getOutputStream(), received, () -> listener.closeQuietly(local));
        }

        @Override
        public void close() {
            mux.close();
        }
    }

    /** Copies one direction; at its end, {@code then} closes the other side of that connection only. */
    private static void pump(InputStream in, OutputStream out, AtomicLong counter, Runnable then) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    counter.addAndGet(n);
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "a connection through the forward ended", e);
            } finally {
                then.run();
            }
        }, "gangway-forward-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Stops listening, ends every connection, and terminates the session. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        listener.close();
        carrier.close();
        channel.close();
        end.end();
    }

    /** How long a forward waits for its session to start. */
    static final Duration START = SsmShellOpener.HANDSHAKE;
}
