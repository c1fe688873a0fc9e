package dev.gangway.terminal;

/**
 * Where a terminal tab's session stands, and what its status line says about it. Only a connected
 * session has a live shell; the others offer Reconnect, except while connecting.
 */
public sealed interface SessionState {

    /** The status line's text. */
    String status();

    /** Whether the status line shows it as a problem: a lost connection or a failed login. */
    default boolean isProblem() {
        return this instanceof Lost || this instanceof Failed;
    }

    /** Whether Reconnect is offered: once the session is over, however it ended. */
    default boolean canReconnect() {
        return !(this instanceof Connecting || this instanceof Connected);
    }

    /** The login is under way. */
    record Connecting(String status) implements SessionState {
    }

    /** Logged in; {@code status} says how (address, key, host key). */
    record Connected(String status) implements SessionState {
    }

    /**
     * The shell ended by itself, with its exit status: the user logged out (a shell's status is its
     * last command's, not a verdict on the session).
     */
    record Exited(int exitStatus) implements SessionState {
        @Override
        public String status() {
            return "Session ended: the shell exited" + (exitStatus == 0 ? "." : " (its last command's status was "
                    + exitStatus + ").");
        }
    }

    /** The shell ended without an exit status: the connection dropped, or the server closed the shell. */
    record Lost(boolean serverClosedShell) implements SessionState {
        @Override
        public String status() {
            return "The connection was lost" + (serverClosedShell ? " (the server closed the shell)" : "")
                    + ". The instance may have stopped or rebooted, or the network dropped.";
        }
    }

    /** The session ended normally, without telling the shell's exit status (Session Manager). */
    record Ended() implements SessionState {
        @Override
        public String status() {
            return "Session ended.";
        }
    }

    /** What the tab's title says after the name ("web-1 — ended"), once the session is over; null while it is not. */
    default String titleSuffix() {
        if (this instanceof Exited || this instanceof Ended) {
            return "ended";
        }
        if (this instanceof Lost) {
            return "disconnected";
        }
        return this instanceof Failed ? "not connected" : null;
    }

    /** No login: {@code status} says why and what to do. */
    record Failed(String status) implements SessionState {
    }

    /** How a shell that has ended is reported: its exit status, else a lost connection. */
    static SessionState ended(Integer exitStatus, boolean connectionStillUp) {
        return exitStatus != null ? new Exited(exitStatus) : new Lost(connectionStillUp);
    }

    /** As {@link #ended(Integer, boolean)} for {@code shell}, which may not know its exit status. */
    static SessionState ended(RemoteShell shell, Integer exitStatus, boolean connectionStillUp) {
        if (exitStatus == null && shell.endReason() != null) {
            // The client gave the session up and knows why (it could not be resumed, it timed out).
            return new Failed(shell.endReason());
        }
        return exitStatus != null && !shell.reportsExitStatus() ? new Ended()
                : ended(exitStatus, connectionStillUp);
    }
}
