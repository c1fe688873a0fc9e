package dev.gangway.connect;

import java.util.Optional;

/**
 * Where a client connects to reach an instance's port: a local port that a route forwards, closed
 * with the session; for a plain address, the address itself and nothing to close.
 */
public interface Tunnel extends AutoCloseable {

    String host();

    int port();

    @Override
    void close();

    /** Whether it still carries connections (a plain address always does). */
    default boolean isOpen() {
        return true;
    }

    /**
     * Why the far end ended the last connection it could not carry (an endpoint's refusal, a port
     * nobody listens on), for the message of the client that saw its connection close.
     */
    default Optional<String> failure() {
        return Optional.empty();
    }

    /** No tunnel: {@code host} and {@code port} are connected to directly. */
    static Tunnel direct(String host, int port) {
        return new Tunnel() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                // Nothing was opened.
            }
        };
    }
}
