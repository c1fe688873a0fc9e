package dev.gangway.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Map;

import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;

/**
 * An interactive shell on a pseudo-terminal (xterm-256color, UTF-8): what a terminal tab drives.
 * Bytes from the server come out of {@link #output()}; keystrokes go into {@link #input()}.
 */
public final class ShellChannel implements AutoCloseable {

    public static final String TERM = "xterm-256color";

    private final ChannelShell channel;
    private final SshSession session;

    ShellChannel(SshSession session, ChannelShell channel) {
        this.session = session;
        this.channel = channel;
    }

    static Map<String, String> environment() {
        // Ask for UTF-8; servers accept LANG/LC_* by default (OpenSSH's AcceptEnv on Debian and Amazon Linux).
        return Map.of("LANG", "C.UTF-8");
    }

    static void configure(ChannelShell channel, int columns, int rows, String term) {
        channel.setPtyType(term);
        channel.setPtyColumns(columns);
        channel.setPtyLines(rows);
        channel.setRedirectErrorStream(true);
    }

    public InputStream output() {
        return channel.getInvertedOut();
    }

    public OutputStream input() {
        return channel.getInvertedIn();
    }

    /** Tells the server the terminal's new size (SSH window-change). */
    public void resize(int columns, int rows) throws IOException {
        if (channel.isOpen()) {
            channel.sendWindowChange(columns, rows);
        }
    }

    public boolean isOpen() {
        return channel.isOpen() && !channel.isClosing();
    }

    /** Waits until the shell has ended; returns its exit status, or null when the connection dropped without one. */
    public Integer awaitEnd() {
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
        return channel.getExitStatus();
    }

    /** Whether the whole connection is still up (false after a drop, a timeout or the server closing it). */
    public boolean connectionOpen() {
        return session.isOpen();
    }

    public SshSession session() {
        return session;
    }

    /** Closes the shell and its connection. */
    @Override
    public void close() {
        try {
            channel.close(false);
        } finally {
            try {
                session.close();
            } catch (IOException e) {
                // Closing: nothing left to tell the user.
            }
        }
    }
}
