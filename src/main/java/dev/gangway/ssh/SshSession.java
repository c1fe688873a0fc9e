package dev.gangway.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.common.util.io.input.NoCloseInputStream;
import org.apache.sshd.common.util.io.output.NoCloseOutputStream;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;

import dev.gangway.connect.Tunnel;

/** A logged-in SSH connection: run commands on it, and close it when done. */
public final class SshSession implements AutoCloseable {

    private final SshTarget target;
    private final ClientSession session;
    private final String hostKeyTrustedBy;
    /** What carries the connection: a tunnel, or the target itself. */
    private final Tunnel via;
    /** What ended the connection from this side, once something has. */
    private final AtomicReference<Throwable> failure;

    /** When the connection reached each step, or null. */
    private final Phases phases;
    /** How the last exec ended without an exit status (see {@link #lastExecEndedWithout}); null with one. */
    private volatile String lastExecEnd;

    SshSession(SshTarget target, ClientSession session, String hostKeyTrustedBy, Tunnel via,
            AtomicReference<Throwable> failure, Phases phases) {
        this.failure = failure;
        this.phases = phases;
        this.target = target;
        this.session = session;
        this.hostKeyTrustedBy = hostKeyTrustedBy;
        this.via = via;
    }

    /**
     * Why the connection ended, once it has, for the user: the tunnel under it ended it (an Instance
     * Connect Endpoint's connection limit, a refusal), or its keep-alives went unanswered; else null.
     */
    public String endReason() {
        if (session.isOpen()) {
            return null;
        }
        return via.failure().orElseGet(() -> {
            Throwable t = failure.get();
            if (t != null && String.valueOf(t.getMessage()).contains("heartbeat requests without reply")) {
                return "No answer to keep-alives from " + target.host() + " for over "
                        + SshConnector.KEEP_ALIVE.multipliedBy(SshConnector.KEEP_ALIVES_UNANSWERED).toSeconds()
                        + " s: the network dropped, or the instance stopped. Reconnect once it is back.";
            }
            return null;
        });
    }

    public SshTarget target() {
        return target;
    }

    /** MINA's session, for tests in this package. */
    ClientSession clientSession() {
        return session;
    }

    /** The key exchange the server and this client agreed on (for --verbose and the tests). */
    public String keyExchange() {
        return session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS);
    }

    /**
     * How long connecting took, step by step, for --verbose: "in 152 ms (TCP 2, key exchange and
     * host key 80, login 70 ms)"; "" when not known. A connection started ahead counts from its start.
     */
    public String phases() {
        return phases == null ? "" : phases.summary();
    }

    /** How the host key came to be trusted: "known_hosts", the console output, or "you" (see {@link HostKeyCheck}). */
    public String hostKeyTrustedBy() {
        return hostKeyTrustedBy;
    }

    /**
     * Runs {@code command} (no pseudo-terminal) with no input: its standard input ends at once, as
     * with {@code ssh -n}.
     *
     * @return its exit status, or 255 when the connection ended without one (as OpenSSH's ssh does)
     */
    public int exec(String command, OutputStream out, OutputStream err) throws IOException {
        return exec(command, InputStream.nullInputStream(), out, err);
    }

    /**
     * Runs {@code command} (no pseudo-terminal), streaming its output as it comes: the bytes of
     * {@code in} go to its standard input and the end of {@code in} is sent as EOF, as OpenSSH's ssh
     * does (so {@code cat}, {@code head} and {@code tar x} end). MINA pumps {@code in} on a daemon
     * thread of its own, which a terminal that never ends its input leaves waiting; the command's end
     * still ends this call.
     *
     * @return its exit status, or 255 when the connection ended without one (as OpenSSH's ssh does)
     */
    public int exec(String command, InputStream in, OutputStream out, OutputStream err) throws IOException {
        try (ChannelExec channel = session.createExecChannel(command)) {
            // MINA closes a channel's streams with it: this process's own stdout and stderr, after
            // which nothing more could be said (issue 27: a server gone away gave a silent 255).
            channel.setIn(NoCloseInputStream.resolveInputStream(in, false));
            channel.setOut(NoCloseOutputStream.resolveOutputStream(out, false));
            channel.setErr(NoCloseOutputStream.resolveOutputStream(err, false));
            channel.open().verify(Duration.ofSeconds(30));
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
            Integer status = channel.getExitStatus();
            String signal = channel.getExitSignal();
            lastExecEnd = status != null ? null : signal == null ? "" : signal;
            return status == null ? 255 : status;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * How the last {@link #exec} ended when it had no exit status: the signal that killed the
     * command ("KILL"), or empty when the server sent neither (it went away); null when it had one.
     */
    public String lastExecEndedWithout() {
        return lastExecEnd;
    }

    /** Opens an interactive shell on a pseudo-terminal of the given size; closing it closes this session. */
    public ShellChannel openShell(int columns, int rows) throws IOException {
        return openShell(columns, rows, ShellChannel.TERM);
    }

    /** A shell with a pty of type {@code term} (the local terminal's, for an interactive session in it). */
    public ShellChannel openShell(int columns, int rows, String term) throws IOException {
        ChannelShell channel = session.createShellChannel(null, ShellChannel.environment());
        ShellChannel.configure(channel, columns, rows, term);
        channel.open().verify(Duration.ofSeconds(30));
        return new ShellChannel(this, channel);
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws IOException {
        session.close();
    }
}
