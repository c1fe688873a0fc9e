package dev.gangway.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;

import dev.gangway.connect.Tunnel;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.ssh.SshConnectException.Reason;

/**
 * Opens SSH sessions. One MINA {@link SshClient} serves every session for the app's lifetime
 * (MINA ≥ 2.12 negotiates strict key exchange, the Terrapin fix), with keep-alives on so idle
 * sessions survive NAT and firewalls. Each connection brings its own {@link HostKeyCheck}: the
 * client-wide verifier refuses any key a connection has no check for.
 */
public final class SshConnector implements AutoCloseable {

    /**
     * A keep-alive every 5 s, and the connection given up when 4 go unanswered: a link cut without a
     * FIN (Wi-Fi gone, a VPN dropped, a NAT that forgot the flow) is noticed within 20-25 s. Unlike
     * OpenSSH's ServerAliveInterval, MINA sends them whether or not data arrives, so the count leaves
     * room for a reply queued behind a full window of output on a slow link.
     */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    static final int KEEP_ALIVES_UNANSWERED = 4;
    /**
     * Where a connection's failure is kept (a keep-alive left unanswered, a read error), for the
     * user: a holder made at connect, since MINA clears a session's attributes as it closes.
     */
    private static final AttributeKey<AtomicReference<Throwable>> FAILURE = new AttributeKey<>();
    /** How long connecting, and then logging in, may each take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AttributeKey<HostKeyCheck> CHECK = new AttributeKey<>();
    /** When a connection reached each step, for --verbose (see {@link SshSession#phases()}). */
    private static final AttributeKey<Phases> PHASES = new AttributeKey<>();

    /** How long a connection started ahead ({@link #connectEarly}) waits for its login before it is closed. */
    static final Duration EARLY_KEPT = Duration.ofSeconds(30);

    private final SshClient client;
    /** Connections started ahead, by where they go ({@link #where}). */
    private final Map<String, ConnectFuture> early = new ConcurrentHashMap<>();
    private volatile Duration earlyKept = EARLY_KEPT;

    public SshConnector() {
        client = newClient();
    }

    /** A started client with Gangway's settings. */
    private static SshClient newClient() {
        // MINA's defaults for all but the key exchanges, which are Gangway's (the builder would
        // otherwise work out its own list, and check each, only to have it replaced).
        SshClient client = ClientBuilder.builder().keyExchangeFactories(KeyExchanges.offered()).build();
        // As OpenSSH: small packets leave at once. With Nagle's algorithm on (MINA's default) a request
        // sent while the one before is unacknowledged waits for the server's delayed ACK, ~40 ms on
        // Linux: the pty request, the shell request and the first keystrokes each paid it (issue 25).
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, KEEP_ALIVE);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, KEEP_ALIVES_UNANSWERED);
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                Phases p = phases(session);
                if (p != null) {
                    p.tcpUp = System.nanoTime();
                }
            }

            @Override
            public void sessionEvent(Session session, Event event) {
                Phases p = phases(session);
                if (p != null && event == Event.KeyEstablished && p.keysAgreed == 0) {
                    p.keysAgreed = System.nanoTime();
                }
            }

            @Override
            public void sessionException(Session session, Throwable t) {
                AtomicReference<Throwable> failure = session.getAttribute(FAILURE);
                if (failure != null) {
                    failure.compareAndSet(null, t);
                }
            }
        });
        client.setServerKeyVerifier((session, address, key) -> {
            HostKeyCheck check = attribute(session, CHECK);
            return check != null && check.verifier().verifyServerKey(session, address, key);
        });
        // Named, so MINA does not search every jar on the class path for a transport (a ServiceLoader
        // scan and a log line at every start).
        client.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
        client.start();
        return client;
    }

    /**
     * Makes ahead of time what the next connection's key exchange would otherwise make on the spot
     * (see {@link KeyExchanges}): call it when a connection may come soon.
     */
    public static void prepare() {
        KeyExchanges.prepare();
    }

    /**
     * Starts the TCP connection and the key exchange with {@code target} ahead of a login that is
     * likely to follow (the mouse is down for a double-click, issue 25): the next {@link #connect}
     * to the same host and port, not through a tunnel, logs in on it once {@code check} accepted the
     * server's key, and makes its own connection otherwise. Nothing the user is asked and nothing
     * that identifies the user is sent ahead; {@code check} must decide without asking (known_hosts).
     * Unclaimed, the connection is closed after {@link #EARLY_KEPT}. One per host and port.
     */
    public void connectEarly(SshTarget target, HostKeyCheck check) {
        String where = where(target.host(), target.port());
        if (early.containsKey(where)) {
            return;
        }
        ConnectFuture started;
        try {
            started = client.connect(target.user(), target.host(), target.port(), attributes(check), null);
        } catch (IOException e) {
            return; // the login connects as usual and says what is wrong
        }
        if (early.putIfAbsent(where, started) != null) {
            discard(started);
            return;
        }
        client.getScheduledExecutorService().schedule(() -> {
            if (early.remove(where, started)) {
                discard(started);
            }
        }, earlyKept.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For tests: how long an unclaimed early connection is kept. */
    void keepEarlyFor(Duration kept) {
        this.earlyKept = kept;
    }

    /**
     * The connection started ahead to where {@code target} is, when it goes there directly, its key
     * exchange ended with the key accepted by known_hosts and {@code given} accepts that key too (the
     * caller's own check: a pinned key, the console output's); null otherwise (it is closed then).
     */
    private ClientSession claimEarly(SshTarget target, Tunnel via, HostKeyCheck given, Duration timeout) {
        if (!via.host().equals(target.host()) || via.port() != target.port()) {
            return null;
        }
        ConnectFuture e = early.remove(where(target.host(), target.port()));
        if (e == null) {
            return null;
        }
        try {
            ClientSession session = e.verify(timeout).getSession();
            // Waiting for login means the key exchange ended with the early check's yes.
            Set<ClientSessionEvent> state = session.waitFor(
                    EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), timeout);
            if (!state.contains(ClientSessionEvent.WAIT_AUTH) || !session.isOpen()) {
                discard(e);
                return null;
            }
            SocketAddress address = session.getConnectAddress() != null ? session.getConnectAddress()
                    : session.getIoSession().getRemoteAddress();
            if (!given.verifier().verifyServerKey(session, address, session.getServerKey())) {
                discard(e); // a connection of its own meets the same refusal, and says why
                return null;
            }
            session.setUsername(target.user());
            return session;
        } catch (IOException | RuntimeException failed) {
            discard(e);
            return null;
        }
    }

    /** What a connection carries from its start: its host-key check, and where its steps' times go. */
    private static AttributeRepository attributes(HostKeyCheck check) {
        return AttributeRepository.ofAttributesMap(Map.of(CHECK, check, PHASES, new Phases(System.nanoTime())));
    }

    private static Phases phases(Session session) {
        return session instanceof ClientSession c ? attribute(c, PHASES) : null;
    }

    /** What the connection was started with ({@link #attributes}), or null. */
    private static <T> T attribute(ClientSession session, AttributeKey<T> key) {
        return session.getConnectionContext() == null ? null : session.getConnectionContext().getAttribute(key);
    }

    private static String where(String host, int port) {
        return host + " " + port;
    }

    private static void discard(ConnectFuture e) {
        e.addListener(f -> {
            if (f.isConnected()) {
                f.getSession().close(true);
            }
        });
    }

    /** For benchmarks in this package: {@code listener} hears every session's events (TCP up, keys, auth). */
    void listen(SessionListener listener) {
        client.addSessionListener(listener);
    }

    /**
     * Connects, verifies the host key with {@code check} and logs in with {@code identity}.
     *
     * @throws SshConnectException with a message for the user when any step fails
     */
    public SshSession connect(SshTarget target, KeyPair identity, HostKeyCheck check, Duration timeout)
            throws SshConnectException {
        return connect(target, Tunnel.direct(target.host(), target.port()), identity, check, timeout);
    }

    /**
     * Connects to {@code target} through {@code via} (a tunnel's local port, or the target itself),
     * verifies the host key with {@code check} and logs in; the tunnel closes with the session.
     *
     * @throws SshConnectException with a message for the user when any step fails
     */
    public SshSession connect(SshTarget target, Tunnel via, KeyPair identity, HostKeyCheck check, Duration timeout)
            throws SshConnectException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ClientSession session = claimEarly(target, via, check, timeout);
        boolean claimed = session != null;
        if (!claimed) {
            try {
                session = client.connect(target.user(), via.host(), via.port(), attributes(check), null)
                        .verify(left(deadline)).getSession();
            } catch (IOException e) {
                via.close();
                throw via.host().equals(target.host()) ? unreachable(target, e) : noServerBehind(target, via);
            }
        }
        session.addCloseFutureListener(f -> via.close());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        session.setAttribute(FAILURE, failure);
        try {
            session.addPublicKeyIdentity(identity);
            session.auth().verify(timeout);
            Phases phases = phases(session);
            if (phases != null) {
                phases.loggedIn = System.nanoTime();
            }
            return new SshSession(target, session, check.acceptedBy().orElse("known_hosts"), via, failure, phases);
        } catch (IOException | RuntimeException e) {
            boolean closedByServer = !session.isOpen();
            closeQuietly(session);
            if (claimed && closedByServer && !session.isAuthenticated() && check.refusal().isEmpty()) {
                // The server let the connection made ahead go before the login (its grace time, its
                // limit of connections not yet logged in): one of its own, as if there had been none.
                return connect(target, via, identity, check, left(deadline));
            }
            if (check.refusal().isPresent()) {
                throw new SshConnectException(Reason.HOST_KEY, check.refusal().get().message(), null);
            }
            if (!via.host().equals(target.host()) && check.acceptedBy().isEmpty()) {
                // Through a tunnel the local port always answers; no host key means no SSH server spoke.
                throw noServerBehind(target, via);
            }
            if (!session.isOpen() && !session.isAuthenticated() && isKeyExchangeFailure(e)) {
                throw new SshConnectException(Reason.OTHER, "The connection to " + target.label()
                        + " closed before login: " + e.getMessage(), null);
            }
            throw new SshConnectException(Reason.AUTHENTICATION, target.label() + " did not accept the key "
                    + KeyFiles.fingerprint(identity.getPublic()) + ". Check the user name (Amazon Linux: ec2-user, "
                    + "Ubuntu: ubuntu, Debian: admin) and that this is the key pair the instance was launched with.",
                    null);
        }
    }

    /** What is left of the time to {@code deadline} (System.nanoTime), at least a millisecond. */
    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
    }

    /** Through a tunnel whose far end found no SSH server (the session ends, the local port resets). */
    private static SshConnectException noServerBehind(SshTarget target, Tunnel via) {
        return new SshConnectException(Reason.UNREACHABLE, "The tunnel to " + target.label() + " ended before an "
                + "SSH server answered: " + via.failure().orElse("check that SSH runs on the instance and listens on "
                + "port " + target.port() + "."), null);
    }

    private static boolean isKeyExchangeFailure(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("kex") || m.contains("key exchange") || m.contains("negotiat");
    }

    static SshConnectException unreachable(SshTarget target, IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = target.host() + " port " + target.port();
        String why;
        if (root instanceof ConnectException) {
            why = "the connection was refused";
        } else if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return new SshConnectException(Reason.UNREACHABLE, "The name " + target.host()
                    + " does not resolve. Check the address, or connect by IP.", null);
        } else if (root instanceof SocketTimeoutException || root instanceof NoRouteToHostException
                || String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
            why = "there was no answer";
        } else {
            why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
        return new SshConnectException(Reason.UNREACHABLE, "Could not reach " + where + ": " + why + ". Check that "
                + "the instance is running, that SSH listens on port " + target.port()
                + ", and that a security group allows that port from your IP.", null);
    }

    private static void closeQuietly(ClientSession session) {
        try {
            session.close();
        } catch (IOException e) {
            // Closing a session that failed to open: nothing left to tell the user.
        }
    }

    @Override
    public void close() {
        early.values().forEach(SshConnector::discard);
        early.clear();
        try {
            client.stop();
        } finally {
            try {
                client.close();
            } catch (IOException e) {
                // Shutting down: nothing left to tell the user.
            }
        }
    }
}
