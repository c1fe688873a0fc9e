package dev.gangway.ssh;

/** For tests outside this package that watch the window prepare a connection's key exchange. */
public final class PreparedKeys {

    private PreparedKeys() {
    }

    /** Forgets any key pair made ahead of time. */
    public static void discard() {
        KeyExchanges.awaitPrepared();
        KeyExchanges.discard();
    }

    /** Waits for a key pair being made, then says whether one is waiting for the next exchange. */
    public static boolean prepared() {
        KeyExchanges.awaitPrepared();
        return KeyExchanges.prepared();
    }
}
