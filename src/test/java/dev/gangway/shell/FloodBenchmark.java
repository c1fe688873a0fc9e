package dev.gangway.shell;

import static dev.gangway.testsupport.OpenSshServer.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.aws.CloudAccess;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.settings.Settings;
import dev.gangway.ssh.HostKeyCheck;
import dev.gangway.ssh.SshConnector;
import dev.gangway.ssh.SshSession;
import dev.gangway.ssh.SshTarget;
import dev.gangway.ssm.SsmSessions;
import dev.gangway.ssm.SsmShell;
import dev.gangway.terminal.RemoteShell;
import dev.gangway.terminal.ui.ShellTtyConnector;
import dev.gangway.terminal.ui.TerminalTab;
import dev.gangway.testsupport.OpenSshServer;
import dev.gangway.testsupport.SandboxInstances;

/**
 * Text flood: {@code cat} of a 50 MB text file (100-character lines) in a Gangway terminal (135×34,
 * on screen) against {@code xterm -geometry 135x34 -e ssh -tt ... cat} under the same X server, to
 * the same Debian sshd, in one run; and how long the FX thread went without a pulse meanwhile.
 * {@code xvfb-run -a ./mvnw -Pbench test -Dtest=FloodBenchmark}; README's Performance section quotes it.
 */
@Tag("bench")
class FloodBenchmark {

    static final int MEGABYTES = Integer.getInteger("flood.mb", 50);
    static final int RUNS = Integer.getInteger("flood.runs", 3);
    static final int COLUMNS = 135;
    static final int ROWS = 34;
    static final String MARKER = "FLOOD-2-DONE";
    /** {@code -Dflood.sameTab=true}: all floods in one terminal tab instead of a new tab for each. */
    static final boolean SAME_TAB = Boolean.getBoolean("flood.sameTab");

    @TempDir
    Path dir;

    /** The window the terminals are shown in (FX thread only). */
    private static Stage window;

    @AfterAll
    static void closeWindow() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            if (window != null) {
                window.close();
            }
            closed.complete(null);
        });
        closed.get(10, TimeUnit.SECONDS);
    }

    @BeforeAll
    static void startFx() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        Platform.setImplicitExit(false);
        started.await(10, TimeUnit.SECONDS);
        // The window's own theme, so the terminal looks and paints as it does in Gangway.
        CompletableFuture<Void> themed = new CompletableFuture<>();
        Platform.runLater(() -> {
            MainView.applyTheme(Settings.Theme.LIGHT);
            themed.complete(null);
        });
        themed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void catOfFiftyMegabytesAgainstXterm() throws Exception {
        Path file = textFile(dir.resolve("flood.txt"), MEGABYTES);
        long bytes = Files.size(file);
        Path key = dir.resolve("id_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        String user = System.getProperty("user.name");
        Path knownHosts = dir.resolve("known_hosts");
        try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), List.of(Path.of(key + ".pub")));
             SshConnector connector = new SshConnector()) {
            Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port + " " + Files.readString(Path.of(sshd.hostKey + ".pub")));
            List<String> ssh = List.of("ssh", "-tt", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                    "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", key.toString(), "-p", String.valueOf(sshd.port),
                    user + "@127.0.0.1");

            // xterm: the whole run minus the same run with `true`, so only the flood is counted.
            List<Double> xterm = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                double empty = xtermSeconds(ssh, "true");
                double full = xtermSeconds(ssh, "cat " + file);
                xterm.add(full - empty);
            }

            KeyPair identity = KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE);
            SshTarget target = new SshTarget("127.0.0.1", sshd.port, user);
            List<Result> measured = new ArrayList<>();
            // A warm app: one small flood first, not counted. The first one in a fresh JVM, where the
            // terminal is the first thing ever painted, waits 300-500 ms once for the renderer to load
            // its classes (Marlin, effect peers); in Gangway the instance list is painted first, which
            // loads much of that (not measured).
            Path warmup = textFile(dir.resolve("warmup.txt"), 2);
            HostKeyCheck hostKeys = new HostKeyCheck(knownHosts, (h, p, t, f) -> false, "127.0.0.1", sshd.port);
            if (SAME_TAB) {
                // A tab in use: every flood in the same terminal, its scrollback already full.
                try (SshSession session = connector.connect(target, identity, hostKeys, Duration.ofSeconds(20))) {
                    Shown tab = show(session.openShell(COLUMNS, ROWS));
                    System.out.println("warm-up flood: longest gap between FX pulses " + flood(tab, warmup).longestStallMillis + " ms");
                    for (int i = 0; i < RUNS; i++) {
                        measured.add(flood(tab, file));
                    }
                    close(tab);
                }
            } else {
                // A new tab (and SSH connection) for every flood.
                for (int i = -1; i < RUNS; i++) {
                    try (SshSession session = connector.connect(target, identity, hostKeys, Duration.ofSeconds(20))) {
                        Shown tab = show(session.openShell(COLUMNS, ROWS));
                        Result r = flood(tab, i < 0 ? warmup : file);
                        close(tab);
                        if (i < 0) {
                            System.out.println("warm-up flood: longest gap between FX pulses " + r.longestStallMillis + " ms");
                        } else {
                            measured.add(r);
                        }
                    }
                }
            }
            List<Double> gangway = measured.stream().map(Result::seconds).toList();
            List<Long> stalls = measured.stream().map(Result::longestStallMillis).toList();
            List<Long> p99s = measured.stream().map(Result::p99Millis).toList();
            double g = median(gangway);
            double x = median(xterm);
            double mb = bytes / 1e6;
            System.out.printf("BENCH text flood, %.0f MB of 100-char lines, %dx%d, %s, median of %d: Gangway %.2f s (%.2f MB/s), "
                    + "xterm %.2f s (%.2f MB/s): Gangway at %.2fx xterm's speed (target >= 0.8x); FX thread's longest gap "
                    + "between pulses %d ms (worst run; target <= 100 ms; per run %s), 99th percentile %s ms; %d frames painted in the median run; "
                    + "Gangway runs %s s, xterm runs %s s%n",
                    mb, COLUMNS, ROWS, SAME_TAB ? "every flood in one tab after a warm-up flood in it" : "a new tab for every flood",
                    RUNS, g, mb / g, x, mb / x, x / g, Collections.max(stalls), stalls, p99s,
                    measured.get(gangway.indexOf(g)).frames(), gangway, xterm);
        }
    }

    /**
     * The same flood in a Gangway terminal over Session Manager and over SSH, both to the sandbox's
     * web-1 on 127.0.0.1 (its agent's shell and its SSH server), a new tab for each flood:
     * {@code xvfb-run -a ./mvnw -Pbench test -Dtest=FloodBenchmark#catOverSessionManagerAgainstSsh}.
     */
    @Test
    void catOverSessionManagerAgainstSsh() throws Exception {
        Path file = textFile(dir.resolve("flood.txt"), MEGABYTES);
        Path warmup = textFile(dir.resolve("warmup.txt"), 2);
        long bytes = Files.size(file);
        try (SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox")));
             CloudAccess access = sandbox.cloudAccess();
             SshConnector connector = new SshConnector()) {
            Machine m = SandboxInstances.machine(sandbox, "web-1");
            Instance web = SandboxInstances.instance(sandbox, "web-1");
            int port = Integer.parseInt(m.tags.get(Instance.SSH_PORT_TAG));
            KeyPair identity = KeyFiles.load(sandbox.keyFile(), KeyFiles.PassphrasePrompt.NONE);
            HostKeyCheck hostKeys = new HostKeyCheck(dir.resolve("known_hosts"), (h, p, t, f) -> true, "127.0.0.1", port);
            List<Result> ssm = new ArrayList<>();
            List<Result> ssh = new ArrayList<>();
            for (int i = -1; i < RUNS; i++) {
                Path what = i < 0 ? warmup : file;
                try (SsmShell shell = SsmShell.open(SsmSessions.start(access, web, null), SsmSessions.service(access, web),
                        COLUMNS, ROWS, Duration.ofSeconds(20))) {
                    Shown tab = show(shell);
                    Result r = flood(tab, what);
                    close(tab);
                    if (i >= 0) {
                        ssm.add(r);
                    }
                }
                try (SshSession session = connector.connect(new SshTarget("127.0.0.1", port, "ec2-user"), identity,
                        hostKeys, Duration.ofSeconds(20))) {
                    Shown tab = show(session.openShell(COLUMNS, ROWS));
                    Result r = flood(tab, what);
                    close(tab);
                    if (i >= 0) {
                        ssh.add(r);
                    }
                }
            }
            double s = median(ssm.stream().map(Result::seconds).toList());
            double h = median(ssh.stream().map(Result::seconds).toList());
            double mb = bytes / 1e6;
            System.out.printf("BENCH text flood in a terminal tab, %.0f MB of 100-char lines, %dx%d, median of %d: Session "
                    + "Manager %.2f s (%.2f MB/s), SSH %.2f s (%.2f MB/s), both to the sandbox: Session Manager at %.2fx "
                    + "SSH's speed; FX thread's longest gap between pulses %d ms (Session Manager) and %d ms (SSH)%n",
                    mb, COLUMNS, ROWS, RUNS, s, mb / s, h, mb / h, h / s,
                    ssm.stream().mapToLong(Result::longestStallMillis).max().orElse(0),
                    ssh.stream().mapToLong(Result::longestStallMillis).max().orElse(0));
        }
    }

    /** Writes {@code megabytes} MB of 100-byte lines (99 printable characters and a newline). */
    static Path textFile(Path file, int megabytes) throws IOException {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-_=+()[]{}<>/";
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            long lines = megabytes * 1_000_000L / 100;
            StringBuilder line = new StringBuilder(100);
            for (long n = 0; n < lines; n++) {
                line.setLength(0);
                line.append(String.format("%08d ", n));
                for (int c = line.length(); c < 99; c++) {
                    line.append(alphabet.charAt((int) ((n * 31 + c * 7) % alphabet.length())));
                }
                w.write(line.append('\n').toString());
            }
        }
        return file;
    }

    private static double xtermSeconds(List<String> ssh, String remote) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("xterm", "-geometry", COLUMNS + "x" + ROWS, "-e"));
        cmd.addAll(ssh);
        cmd.add(remote);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("xterm did not finish");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    record Result(double seconds, long longestStallMillis, long p99Millis, long frames) {
    }

    /** A terminal on screen and what it reads. */
    record Shown(JediTermFxWidget widget, MarkerWatch watch) {
    }

    /** Shows a terminal on {@code shell}, in the one window, and waits for its prompt. */
    private static Shown show(RemoteShell shell) throws Exception {
        MarkerWatch watch = new MarkerWatch(new ShellTtyConnector(shell, "flood"));
        CompletableFuture<JediTermFxWidget> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            JediTermFxWidget w = TerminalTab.newTerminal(watch, COLUMNS, ROWS);
            // One window for every run, as Gangway has one window for its tabs.
            if (window == null) {
                window = new Stage();
                window.setScene(new Scene(w.getPane()));
                window.show();
            } else {
                window.getScene().setRoot(w.getPane());
            }
            w.start();
            shown.complete(w);
        });
        JediTermFxWidget widget = shown.get(20, TimeUnit.SECONDS);
        watch.awaitFirstOutput();
        return new Shown(widget, watch);
    }

    private static void close(Shown tab) throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            tab.widget().close();
            window.getScene().setRoot(new Pane());
            closed.complete(null);
        });
        closed.get(20, TimeUnit.SECONDS);
    }

    /** Runs cat in {@code tab} and times it until the marker after it has been read and shown. */
    private static Result flood(Shown tab, Path file) throws Exception {
        MarkerWatch watch = tab.watch();
        CountDownLatch done = watch.expectMarker();
        AtomicLong last = new AtomicLong();
        List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
        List<String> longGaps = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long before = last.getAndSet(now);
                if (before != 0) {
                    long gap = (now - before) / 1_000_000;
                    gaps.add(gap);
                    if (gap > 50) {
                        longGaps.add(gap + " ms at +" + (now - start) / 1_000_000 + " ms");
                    }
                }
            }
        };
        Platform.runLater(pulses::start);
        if (Boolean.getBoolean("flood.uptime")) {
            System.out.println("flood starts at JVM uptime " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
        }
        watch.write("cat " + file + "; echo FLOOD-$((1+1))-DONE\r");
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the flood did not finish");
        }
        // Everything read is on the emulator's screen once the FX thread has run after it.
        CompletableFuture<Void> painted = new CompletableFuture<>();
        Platform.runLater(() -> painted.complete(null));
        painted.get(20, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        Platform.runLater(pulses::stop);
        List<Long> sorted = new ArrayList<>(gaps);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            throw new IllegalStateException("the window did not pulse during the flood");
        }
        long longest = sorted.get(sorted.size() - 1);
        long p99 = sorted.get(sorted.size() * 99 / 100);
        System.out.printf("gaps between FX pulses: %d, median %d ms, 99th percentile %d ms, over 50 ms: %d, longest %d ms%n",
                sorted.size(), sorted.get(sorted.size() / 2), p99, sorted.stream().filter(g -> g > 50).count(), longest);
        if (!longGaps.isEmpty()) {
            System.out.println("FX pulses more than 50 ms apart: " + longGaps);
        }
        return new Result(seconds, longest, p99, sorted.size() + 1);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Passes everything through and notices the marker in what the server sends. */
    private static final class MarkerWatch implements TtyConnector {
        private final ShellTtyConnector inner;
        private volatile CountDownLatch done = new CountDownLatch(1);
        private final CountDownLatch firstOutput = new CountDownLatch(1);
        private int matched;

        MarkerWatch(ShellTtyConnector inner) {
            this.inner = inner;
        }

        /** A latch that opens when the marker is next read. */
        CountDownLatch expectMarker() {
            done = new CountDownLatch(1);
            return done;
        }

        void awaitFirstOutput() throws InterruptedException {
            firstOutput.await(20, TimeUnit.SECONDS);
        }

        @Override
        public int read(char[] buf, int offset, int length) throws IOException {
            int n = inner.read(buf, offset, length);
            if (n > 0) {
                firstOutput.countDown();
            }
            for (int i = offset; i < offset + n; i++) {
                char c = buf[i];
                matched = c == MARKER.charAt(matched) ? matched + 1 : (c == MARKER.charAt(0) ? 1 : 0);
                if (matched == MARKER.length()) {
                    done.countDown();
                    matched = 0;
                }
            }
            return n;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            inner.write(bytes);
        }

        @Override
        public void write(String string) throws IOException {
            inner.write(string);
        }

        @Override
        public boolean isConnected() {
            return inner.isConnected();
        }

        @Override
        public void resize(TermSize size) {
            inner.resize(size);
        }

        @Override
        public int waitFor() {
            return inner.waitFor();
        }

        @Override
        public boolean ready() throws IOException {
            return inner.ready();
        }

        @Override
        public String getName() {
            return inner.getName();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
