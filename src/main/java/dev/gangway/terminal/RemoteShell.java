package dev.gangway.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A shell on an instance as a terminal sees it, whatever carries it (SSH today, Session Manager
 * next): bytes both ways, a size, an end.
 */
public interface RemoteShell extends AutoCloseable {

    /** What the shell prints. */
    InputStream output();

    /** What the user types. */
    OutputStream input();

    /** Tells the remote side the terminal's new size. */
    void resize(int columns, int rows) throws IOException;

    boolean isOpen();

    /** Waits until the shell has ended; returns its exit status, or null when the connection dropped without one. */
    Integer awaitEnd();

    /** Whether the connection under the shell is still up (false after a drop, a timeout or the server closing it). */
    boolean connectionOpen();

    /**
     * Whether {@link #awaitEnd()}'s number is the shell's own exit status. Session Manager does not
     * send an interactive shell's: its shells only say that the session ended.
     */
    default boolean reportsExitStatus() {
        return true;
    }

    /** Why the session ended when its own side gave it up (it could not be resumed, say), for the user; else null. */
    default String endReason() {
        return null;
    }

    /** Closes the shell and its connection. */
    @Override
    void close();
}
