package dev.gangway.sandbox.ssm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;

import dev.gangway.sandbox.ssh.SandboxPty;
import dev.gangway.ssm.protocol.PayloadType;

/**
 * What a shell or command session of the sandbox's agent runs: a real shell on a pseudo-terminal,
 * or one command without a terminal (AWS-StartNonInteractiveCommand), its streams read in messages
 * of up to 1024 bytes as the agent reads them, typed bytes written on a thread of their own.
 */
final class AgentProcesses {

    private static final Logger LOG = Logger.getLogger(AgentProcesses.class.getName());

    /** Where the processes' output goes, and who is told when it has all gone. */
    interface Sink {
        void send(PayloadType type, byte[] payload);

        /** Everything was read (the shell or command ended). */
        void finished();
    }

    private final Path home;
    private final Path nativeFolder;
    private final Sink sink;
    /** Writes what the client typed to the shell, in order. */
    private final ExecutorService typing = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-ssm-typing");
        t.setDaemon(true);
        return t;
    });
    private PtyProcess shell;
    private Process command;
    private boolean destroyed;

    AgentProcesses(Path home, Path nativeFolder, Sink sink) {
        this.home = home;
        this.nativeFolder = nativeFolder;
        this.sink = sink;
    }

    void startShell() throws IOException {
        PtyProcess pty = SandboxPty.start(home, nativeFolder, AgentSession.PROMPT, 80, 24, Map.of());
        if (!keep(pty)) {
            return;
        }
        Thread out = new Thread(() -> {
            pump(pty.getInputStream(), PayloadType.OUTPUT);
            sink.finished();
        }, "sandbox-ssm-shell");
        out.setDaemon(true);
        out.start();
    }

    /**
     * {@code line} without a terminal, as the agent runs AWS-StartNonInteractiveCommand: its output
     * as Output, its errors as StdErr, and at the end its exit status as ExitCode.
     */
    void runCommand(String line) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", line).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(SandboxPty.environment());
        pb.environment().put("HOME", home.toString());
        Process process = pb.start();
        if (!keep(process)) {
            return;
        }
        process.getOutputStream().close();
        Thread errors = new Thread(() -> pump(process.getErrorStream(), PayloadType.STDERR), "sandbox-ssm-stderr");
        errors.setDaemon(true);
        errors.start();
        Thread out = new Thread(() -> {
            pump(process.getInputStream(), PayloadType.OUTPUT);
            try {
                errors.join();
                int code = process.waitFor();
                sink.send(PayloadType.EXIT_CODE, ("EXIT_CODE: " + code).getBytes(StandardCharsets.US_ASCII));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sink.finished();
        }, "sandbox-ssm-command");
        out.setDaemon(true);
        out.start();
    }

    /** Keeps {@code p} to destroy later; one started after {@link #destroy} goes at once. */
    private boolean keep(Process p) {
        synchronized (this) {
            if (!destroyed) {
                if (p instanceof PtyProcess pty) {
                    shell = pty;
                } else {
                    command = p;
                }
                return true;
            }
        }
        kill(p);
        return false;
    }

    /**
     * What the client typed, to the shell (nothing before it runs, as the agent drops stream data
     * then), on a thread of its own: a shell not reading its input must not hold up acknowledgements.
     */
    void type(byte[] typed) {
        PtyProcess pty;
        synchronized (this) {
            pty = shell;
        }
        if (pty == null) {
            return;
        }
        typing.execute(() -> {
            try {
                OutputStream in = pty.getOutputStream();
                in.write(typed);
                in.flush();
            } catch (IOException e) {
                LOG.log(Level.FINE, "sandbox agent could not write to the shell", e);
            }
        });
    }

    /** The terminal's new size (a Size message). */
    void resize(int columns, int rows) {
        PtyProcess pty;
        synchronized (this) {
            pty = shell;
        }
        if (pty != null) {
            pty.setWinSize(new WinSize(columns, rows));
        }
    }

    /** {@code from}'s bytes in messages of up to 1024 bytes, as the agent reads its streams. */
    private void pump(InputStream from, PayloadType type) {
        byte[] buffer = new byte[1024];
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                sink.send(type, Arrays.copyOf(buffer, n));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "sandbox agent's stream ended", e);
        }
    }

    /** Ends the shell or command with everything it started. */
    void destroy() {
        typing.shutdownNow();
        Process pty;
        Process cmd;
        synchronized (this) {
            destroyed = true;
            pty = shell;
            cmd = command;
        }
        for (Process p : new Process[] {pty, cmd}) {
            if (p != null) {
                kill(p);
            }
        }
    }

    private static void kill(Process p) {
        // pty4j's processes have no handle of their own: their pid has one.
        ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        p.destroyForcibly();
    }
}
