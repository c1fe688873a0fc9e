package dev.gangway.sandbox.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A command run by an SSH exec request on a sandbox instance ({@code ssh host -- cat}): a plain
 * process, no pseudo-terminal, in the instance user's home. Its input, output and error each get a
 * thread of their own, so a command that writes while it reads ({@code cat} of 10 MB) never
 * deadlocks (MINA's ProcessShellFactory pumps all three on one thread and did), and the end of the
 * client's input (SSH EOF) closes the process's standard input, as sshd does.
 */
final class ExecProcessCommand extends InstanceCommand {

    private static final Logger LOG = Logger.getLogger(ExecProcessCommand.class.getName());

    private final List<String> command;
    private final Path home;
    private volatile Process process;

    ExecProcessCommand(List<String> command, Path home) {
        this.command = List.copyOf(command);
        this.home = home;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> vars = pb.environment();
        vars.clear();
        vars.putAll(instanceEnvironment());
        vars.putAll(env.getEnv());
        vars.put("HOME", home.toString());
        Process p = pb.start();
        process = p;
        daemon("sandbox-exec-in", () -> copy(in, p.getOutputStream(), true));
        Thread stdout = daemon("sandbox-exec-out", () -> copy(p.getInputStream(), out, false));
        Thread stderr = daemon("sandbox-exec-err", () -> copy(p.getErrorStream(), err, false));
        daemon("sandbox-exec-wait", () -> {
            int code = 255;
            try {
                stdout.join();
                stderr.join();
                code = p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exit.onExit(code); // MINA then sends EOF, the exit status and closes the channel
        });
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Copies until the end of {@code from}, flushing each read; closes {@code to} when asked (EOF to the process). */
    private static void copy(InputStream from, OutputStream to, boolean closeAtEnd) {
        byte[] buffer = new byte[32 * 1024];
        try {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "sandbox exec stream ended", e); // the process or the channel went away
        } finally {
            if (closeAtEnd) {
                try {
                    to.close();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "closing a sandbox process's input", e);
                }
            }
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null) {
            p.destroy();
        }
    }
}
