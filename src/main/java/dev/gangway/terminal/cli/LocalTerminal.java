package dev.gangway.terminal.cli;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import dev.gangway.common.ChildEnvironment;
import dev.gangway.common.HostOs;

/**
 * The terminal this process runs in, for an interactive SSH session: switched to raw mode (keys go
 * to the server as typed, the server echoes them) and back, its size, and its resizes. Unix-like
 * systems only, through {@code stty} on {@code /dev/tty}; Java alone cannot change a console's mode.
 */
public final class LocalTerminal implements AutoCloseable {

    private static final File TTY = new File("/dev/tty");

    private final String saved;
    private volatile boolean restored;

    private LocalTerminal(String saved) {
        this.saved = saved;
    }

    /** Whether this platform has a terminal Gangway can drive (not Windows' console). */
    /**
     * Refuses a session without a command where there is no terminal to run it in (a pipe, a script,
     * Windows), saying how to give the command instead.
     */
    public static void requireFor(CommandSpec spec, boolean interactive, Console console, String command,
            String instance) {
        if (interactive && (console == null || !supported())) {
            throw new ParameterException(spec.commandLine(), "There is no terminal here for an interactive session"
                    + (supported() ? "" : " (on Windows, open it from the window)")
                    + ": give the command to run after --, e.g. gangway " + command + " " + instance + " -- uptime.");
        }
    }

    public static boolean supported() {
        return HostOs.current() != HostOs.WINDOWS && TTY.exists();
    }

    /**
     * Puts the terminal in raw mode; empty when there is no terminal to use (Windows, or no tty: a
     * pipe, a cron job).
     */
    public static Optional<LocalTerminal> rawMode() {
        if (!supported() || !TTY.canRead()) {
            return Optional.empty();
        }
        try {
            String saved = stty("-g").trim();
            if (saved.isEmpty()) {
                return Optional.empty();
            }
            stty("raw", "-echo");
            LocalTerminal t = new LocalTerminal(saved);
            // Also on Ctrl+C of the JVM or a kill: never leave the user's terminal raw.
            Runtime.getRuntime().addShutdownHook(new Thread(t::close, "gangway-tty-restore"));
            return Optional.of(t);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Columns and rows now; 80×24 when the terminal does not say. */
    public int[] size() {
        try {
            String[] rowsCols = stty("size").trim().split("\\s+");
            int rows = Integer.parseInt(rowsCols[0]);
            int cols = Integer.parseInt(rowsCols[1]);
            if (rows > 0 && cols > 0) {
                return new int[] {cols, rows};
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the classic size
        }
        return new int[] {80, 24};
    }

    /** The terminal type to ask the server for: {@code $TERM}, else xterm-256color. */
    public static String type() {
        String term = System.getenv("TERM");
        return term == null || term.isBlank() || "dumb".equals(term) ? "xterm-256color" : term;
    }

    /** Calls {@code onResize(columns, rows)} whenever the window changes size (SIGWINCH), where the JVM allows it. */
    public void onResize(BiConsumer<Integer, Integer> onResize) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> {
                int[] s = size();
                onResize.accept(s[0], s[1]);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No SIGWINCH here: the remote size stays as it was at the start.
        }
    }

    @Override
    public synchronized void close() {
        if (restored) {
            return;
        }
        restored = true;
        try {
            stty(saved);
        } catch (IOException e) {
            // Nothing more can be done; `stty sane` repairs it by hand.
        }
    }

    private static String stty(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("stty"));
        cmd.addAll(List.of(args));
        Process p = ChildEnvironment.apply(new ProcessBuilder(cmd)).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
