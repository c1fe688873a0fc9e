package dev.gangway.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.gangway.common.LocalPeers;

/**
 * A tunnel's local port on 127.0.0.1: it accepts this user's connections and hands each to the
 * tunnel's route; another OS user's are refused where the OS can tell (the security rules). It
 * keeps the connections it handed over, to end them all when it closes.
 */
public final class LocalListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalListener.class.getName());

    /** What a route does with one accepted connection (returning at once, or when it ends, for one at a time). */
    @FunctionalInterface
    public interface Carry {
        void carry(Socket local) throws IOException;
    }

    private final ServerSocket socket;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger othersRefused = new AtomicInteger();
    private volatile boolean closed;

    private LocalListener(ServerSocket socket) {
        this.socket = socket;
    }

    /**
     * Listens on {@code localPort} of 127.0.0.1 (0: any free port).
     *
     * @throws IOException saying what to do when the port is taken
     */
    public static LocalListener bind(int localPort) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort), 50);
        } catch (IOException e) {
            s.close();
            throw new IOException("Local port " + localPort + " is in use on 127.0.0.1: choose another one, or 0 for "
                    + "any free port.", e);
        }
        return new LocalListener(s);
    }

    public String host() {
        return socket.getInetAddress().getHostAddress();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /**
     * Accepts on a daemon thread named {@code name} until closed, handing each of this user's
     * connections to {@code carry}; with {@code oneConnection}, only the first, then {@code afterOne} runs.
     */
    public void start(String name, Carry carry, boolean oneConnection, Runnable afterOne) {
        Thread t = new Thread(() -> {
            while (!closed) {
                Socket local;
                try {
                    local = socket.accept();
                } catch (IOException e) {
                    break;
                }
                if (LocalPeers.fromAnotherUser(local)) {
                    LOG.warning("refused a connection to the tunnel on 127.0.0.1:" + port() + " from another user");
                    othersRefused.incrementAndGet();
                    closeQuietly(local);
                    continue;
                }
                try {
                    local.setTcpNoDelay(true);
                    connections.add(local);
                    carry.carry(local);
                } catch (IOException | RuntimeException e) {
                    // One connection's trouble never stops the tunnel taking the next.
                    LOG.log(Level.FINE, "a connection through the tunnel could not start", e);
                    closeQuietly(local);
                }
                if (oneConnection) {
                    afterOne.run();
                    break;
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Connections handed over and not yet closed. */
    public int openConnections() {
        connections.removeIf(Socket::isClosed);
        return connections.size();
    }

    /** Connections refused because another OS user made them (where the OS can tell; see {@link LocalPeers}). */
    public int othersRefused() {
        return othersRefused.get();
    }

    /** Closes {@code local}, one of its connections, and forgets it. */
    public void closeQuietly(Socket local) {
        try {
            local.close();
        } catch (IOException e) {
            // closed anyway
        }
        connections.remove(local);
    }

    /** Stops listening and ends every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
        connections.forEach(this::closeQuietly);
    }
}
