package dev.gangway.sandbox.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;

import dev.gangway.common.HostOs;
import dev.gangway.common.PrivateFiles;

/**
 * An interactive shell behind a real pseudo-terminal (pty4j), so prompts, echo, colours and
 * full-screen programs behave as on an instance. MINA's own ProcessShellFactory has no pty.
 */
public final class PtyShellCommand extends InstanceCommand {

    private static final Logger LOG = Logger.getLogger(PtyShellCommand.class.getName());

    /** pty4j's own settings for where its native library is (the package's) or goes (see {@link #nativeFolder}). */
    public static final String PREFERRED_FOLDER = "pty4j.preferred.native.folder";
    public static final String UNPACK_FOLDER = "pty4j.tmpdir";

    private final Path home;
    private final Path nativeFolder;
    private final String prompt;
    private volatile PtyProcess process;

    /**
     * @param nativeFolder where pty4j unpacks its native library when the launcher names none: left to
     *        itself it makes a new /tmp/pty4j-* folder in every JVM and never removes it
     */
    PtyShellCommand(Path home, Path nativeFolder, String prompt) {
        this.home = home;
        this.nativeFolder = nativeFolder;
        this.prompt = prompt;
    }

    /**
     * Before the JVM's first pseudo-terminal: the installed app's launchers name the package's copy of
     * pty4j's native library ({@value #PREFERRED_FOLDER}); started from the jar, pty4j unpacks it once
     * into {@code folder} (in the sandbox's data folder) and finds it there on the next run.
     */
    static synchronized void nativeFolder(Path folder) throws IOException {
        if (System.getProperty(PREFERRED_FOLDER) == null && System.getProperty(UNPACK_FOLDER) == null) {
            System.setProperty(UNPACK_FOLDER, PrivateFiles.directory(folder).toAbsolutePath().toString());
        }
    }


    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        int cols = parse(env.getEnv().get(Environment.ENV_COLUMNS), 80);
        int rows = parse(env.getEnv().get(Environment.ENV_LINES), 24);
        process = SandboxPty.start(home, nativeFolder, prompt, cols, rows, env.getEnv());
        env.addSignalListener((ch, signal) -> {
            PtyProcess p = process;
            if (p != null && p.isAlive()) {
                p.setWinSize(new WinSize(parse(env.getEnv().get(Environment.ENV_COLUMNS), cols),
                        parse(env.getEnv().get(Environment.ENV_LINES), rows)));
            }
        }, Signal.WINCH);
        Thread output = new Thread(() -> pump(process.getInputStream(), out, true), "sandbox-pty-out");
        Thread input = new Thread(() -> pump(in, process.getOutputStream(), false), "sandbox-pty-in");
        output.setDaemon(true);
        input.setDaemon(true);
        output.start();
        input.start();
    }

    private void pump(InputStream from, OutputStream to, boolean reportExit) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "sandbox shell stream closed", e);
        } finally {
            if (reportExit) {
                int code = 0;
                try {
                    code = process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exit.onExit(code);
            } else {
                PtyProcess p = process;
                if (p != null) {
                    p.destroy();
                }
            }
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        PtyProcess p = process;
        if (p != null) {
            p.destroy();
        }
    }

    private static int parse(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean isWindows() {
        return HostOs.current() == HostOs.WINDOWS;
    }
}
