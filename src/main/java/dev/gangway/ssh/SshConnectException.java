package dev.gangway.ssh;

/** A connection that could not be made or logged in, with a message that says what to do. */
public final class SshConnectException extends Exception {

    /** What went wrong, for callers that react differently (e.g. offer to start a stopped instance). */
    public enum Reason {
        /** Nothing listens, or a firewall drops the packets. */
        UNREACHABLE,
        /** The server's host key was refused (changed, or not trusted). */
        HOST_KEY,
        /** The server did not accept the user and key. */
        AUTHENTICATION,
        /** Anything else the connection ran into. */
        OTHER
    }

    private final Reason reason;

    SshConnectException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
