package dev.gangway.windowspassword;

import dev.gangway.common.UserFacing;

/** Why there is no Windows password to show, in a sentence the user can act on; never holds the password. */
public final class WindowsPasswordException extends Exception implements UserFacing {

    /** What went wrong, for callers that act on it (the window retries while the password is not ready). */
    public enum Reason {
        /** EC2 has no password data yet: Windows makes it a few minutes after launch. */
        NOT_READY,
        /** Not a Windows instance, or launched without a key pair. */
        NO_PASSWORD,
        /** An ed25519 or ECDSA key: only RSA key pairs encrypt Windows passwords. */
        NOT_RSA,
        /** The key is not the one the password was encrypted for. */
        WRONG_KEY,
        /** The password data is not what EC2 sends (truncated, not base64). */
        DAMAGED
    }

    private final Reason reason;

    public WindowsPasswordException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
