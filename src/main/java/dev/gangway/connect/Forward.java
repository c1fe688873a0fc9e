package dev.gangway.connect;

import java.util.Optional;

/**
 * A tunnel that listens on a local port and carries each connection made to it to a port the
 * instance reaches, by some route (Session Manager, an Instance Connect Endpoint): what the Tunnels
 * view lists, counts and stops.
 */
public interface Forward extends Tunnel {

    /** The route in words: "Session Manager", "Instance Connect Endpoint". */
    String route();

    /** Where connections go, as the instance reaches it: "i-0abc…:5432", "orders.cluster-….rds.amazonaws.com:5432". */
    String destination();

    /** Connections carried now. */
    int openConnections();

    /** Bytes from local clients to the far end. */
    long bytesSent();

    /** Bytes from the far end to local clients. */
    long bytesReceived();

    /** Why it ended, when it ended by itself. */
    Optional<String> endReason();

    /** Whether it ended by itself (lost, terminated elsewhere, timed out) rather than by {@link #close()}. */
    boolean endedByItself();

    /** Calls {@code listener} once it has ended, closed here or by itself (at once if it has). */
    void onEnd(Runnable listener);
}
