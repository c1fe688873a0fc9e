package dev.gangway.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Map;

import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.core.CoreModuleProperties;

import dev.gangway.terminal.RemoteShell;

/**
 * An interactive shell on a pseudo-terminal (xterm-256color, UTF-8): what a terminal tab drives.
 * Bytes from the server come out of {@link #output()}; keystrokes go into {@link #input()}.
 */
public final class ShellChannel implements RemoteShell {

    public static final String TERM = "xterm-256color";

    /**
     * How much output the server may send ahead of the terminal (the SSH channel window). MINA keeps
     * what has arrived but is not read yet in one array that grows to the next power of two: with
     * the 2 MB window of MINA and OpenSSH that was a 4 MB array per tab, built by doubling while a
     * new tab's first big output arrived, exactly when the terminal's own buffers are made. 960 KB
     * keeps it within 1 MB; it still allows 6 MB/s at 150 ms round trip, more than a terminal
     * shows, and Ctrl+C stops a flood sooner because less output is queued.
     */
    static final long WINDOW = 960 * 1024;

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
        // Before the channel is opened: the window size is announced in the open request.
        CoreModuleProperties.WINDOW_SIZE.set(channel, WINDOW);
        channel.getLocalWindow().init(channel);
    }

    @Override
    public InputStream output() {
        return channel.getInvertedOut();
    }

    @Override
    public OutputStream input() {
        return channel.getInvertedIn();
    }

    /** Tells the server the terminal's new size (SSH window-change). */
    @Override
    public void resize(int columns, int rows) throws IOException {
        if (channel.isOpen()) {
            channel.sendWindowChange(columns, rows);
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen() && !channel.isClosing();
    }

    /** Waits until the shell has ended; returns its exit status, or null when the connection dropped without one. */
    @Override
    public Integer awaitEnd() {
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
        return channel.getExitStatus();
    }

    /** Whether the whole connection is still up (false after a drop, a timeout or the server closing it). */
    @Override
    public boolean connectionOpen() {
        return session.isOpen();
    }

    public SshSession session() {
        return session;
    }

    /** The tunnel's reason when it ended the connection (an Instance Connect Endpoint's limit), else null. */
    @Override
    public String endReason() {
        return session.endReason();
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
