package dev.gangway.reliability;

import static dev.gangway.testsupport.OpenSshServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.aws.CloudAccess;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.ssh.HostKeyCheck;
import dev.gangway.ssh.ShellChannel;
import dev.gangway.ssh.SshConnector;
import dev.gangway.ssh.SshSession;
import dev.gangway.ssh.SshTarget;
import dev.gangway.ssm.PortForward;
import dev.gangway.terminal.RemoteShell;
import dev.gangway.terminal.ui.ShellTtyConnector;
import dev.gangway.terminal.ui.TerminalTab;
import dev.gangway.testsupport.EchoServer;
import dev.gangway.testsupport.OpenSshServer;
import dev.gangway.testsupport.SandboxInstances;

/**
 * Load held for a while: 20 terminal tabs (Gangway's SSH client to Debian's sshd, each shell
 * printing a line every 100 ms into a JediTerm widget in one window's tab pane) and 5 Session
 * Manager port forwards (to the sandbox's agent, each carrying an echo every 100 ms), for
 * {@code -Dsoak.minutes} (10 by default). Every 30 s it samples the heap after a full collection,
 * the live threads and the open file descriptors; it prints the curves' first and last points and
 * fails if they are not flat. The sandbox runs in this JVM, so its memory counts too.
 *
 * <p>{@code xvfb-run -a ./mvnw -Pbench test -Dtest=SoakBenchmark} (README's Performance section).
 */
@Tag("bench")
class SoakBenchmark {

    static final int SESSIONS = 20;
    static final int TUNNELS = 5;

    @TempDir
    Path dir;

    record Sample(long second, long heapMb, int threads, int fds, long lines, long echoes) {
        @Override
        public String toString() {
            return String.format("t=%4d s  heap %4d MB  threads %3d  fds %4d  lines %8d  echoes %7d", second, heapMb,
                    threads, fds, lines, echoes);
        }
    }

    @Test
    void twentySessionsAndFiveTunnelsStayFlat() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "10"));
        startFx();
        Path key = dir.resolve("id_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        String user = System.getProperty("user.name");
        // Released when the soak ends: the talkers stop on it, and every pause waits on it.
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong echoes = new AtomicLong();
        List<Thread> talkers = new ArrayList<>();
        try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), List.of(Path.of(key + ".pub")));
             SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox")).withSshServers(false));
             CloudAccess access = sandbox.cloudAccess();
             EchoServer echo = new EchoServer();
             SshConnector connector = new SshConnector()) {
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port + " " + Files.readString(Path.of(sshd.hostKey + ".pub")));
            KeyPair identity = KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE);
            TabPane tabs = showWindow();
            List<SshSession> sessions = new ArrayList<>();
            List<Counted> shown = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                SshSession s = connector.connect(new SshTarget("127.0.0.1", sshd.port, user), identity,
                        new HostKeyCheck(knownHosts, (h, p, t, f) -> false, "127.0.0.1", sshd.port), Duration.ofSeconds(20));
                sessions.add(s);
                ShellChannel shell = s.openShell(100, 30);
                Counted counted = new Counted(shell);
                shown.add(counted);
                ShellTtyConnector tty = new ShellTtyConnector(counted, "soak-" + i);
                int n = i;
                Platform.runLater(() -> {
                    JediTermFxWidget w = TerminalTab.newTerminal(tty, 100, 30);
                    tabs.getTabs().add(new Tab("soak-" + n, w.getPane()));
                    w.start();
                });
                // 2,500 lines at once fill the scrollback (2,000 lines), so the warm-up ends with it full.
                shell.input().write("seq 2500; while :; do date +%T.%N; sleep 0.1; done\n"
                        .getBytes(StandardCharsets.US_ASCII));
                shell.input().flush();
            }
            Instance web = SandboxInstances.instance(sandbox, "web-1");
            sandbox.world().exposeService(web.id(), 5432, echo.port());
            List<PortForward> forwards = new ArrayList<>();
            for (int i = 0; i < TUNNELS; i++) {
                PortForward f = PortForward.open(access, web, null, 5432, 0);
                forwards.add(f);
                Thread t = new Thread(() -> talk(f.port(), done, echoes), "soak-tunnel-" + i);
                t.setDaemon(true);
                t.start();
                talkers.add(t);
            }

            List<Sample> samples = new ArrayList<>();
            long started = System.nanoTime();
            long end = started + (long) (minutes * 60e9);
            done.await(30, TimeUnit.SECONDS); // warm-up: classes loaded, buffers and scrollback filled
            while (System.nanoTime() < end) {
                samples.add(sample(started, shown, echoes));
                System.out.println("SOAK " + samples.get(samples.size() - 1));
                done.await(Math.min(30_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))),
                        TimeUnit.MILLISECONDS);
            }
            samples.add(sample(started, shown, echoes));
            // Each end is the middle of its three samples (a collection can land mid-burst).
            Sample first = middle(samples.subList(0, Math.min(3, samples.size())));
            Sample last = middle(samples.subList(Math.max(0, samples.size() - 3), samples.size()));
            System.out.println("SOAK first " + first);
            System.out.println("SOAK last  " + last);
            System.out.printf("SOAK %d sessions, %d tunnels, %.1f min: heap %+d MB, threads %+d, fds %+d; %d lines shown, "
                    + "%d echoes%n", SESSIONS, TUNNELS, minutes, last.heapMb() - first.heapMb(),
                    last.threads() - first.threads(), last.fds() - first.fds(), last.lines(), last.echoes());
            assertThat(last.lines()).as("every terminal kept printing").isGreaterThan(first.lines());
            assertThat(last.echoes()).as("every tunnel kept carrying").isGreaterThan(first.echoes());
            assertThat(last.heapMb()).as("heap flat").isLessThanOrEqualTo(first.heapMb() + Math.max(16, first.heapMb() / 10));
            assertThat(last.threads()).as("threads flat").isLessThanOrEqualTo(first.threads() + 2);
            assertThat(last.fds()).as("file descriptors flat").isLessThanOrEqualTo(first.fds() + 4);
            done.countDown();
            for (PortForward f : forwards) {
                f.close();
            }
            for (SshSession s : sessions) {
                s.close();
            }
        } finally {
            done.countDown();
        }
    }

    /** The sample whose heap is the middle one of {@code three} (lines and echoes: the latest). */
    private static Sample middle(List<Sample> three) {
        List<Sample> byHeap = new ArrayList<>(three);
        byHeap.sort(java.util.Comparator.comparingLong(Sample::heapMb));
        Sample m = byHeap.get(byHeap.size() / 2);
        Sample latest = three.get(three.size() - 1);
        return new Sample(latest.second(), m.heapMb(), m.threads(), m.fds(), latest.lines(), latest.echoes());
    }

    /** A tunnel's client: a line every 100 ms, read back from the echo, for as long as the soak goes. */
    private static void talk(int port, CountDownLatch done, AtomicLong echoes) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            for (long i = 0; done.getCount() > 0; i++) {
                out.write(("ping " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (!("ping " + i).equals(in.readLine())) {
                    throw new IllegalStateException("the tunnel garbled its echo");
                }
                echoes.incrementAndGet();
                done.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            if (done.getCount() > 0) {
                System.out.println("SOAK a tunnel failed: " + e);
            }
        }
    }

    private static Sample sample(long started, List<Counted> terminals, AtomicLong echoes) throws Exception {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        int fds;
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            fds = (int) list.count();
        }
        long lines = terminals.stream().mapToLong(c -> c.lines.get()).sum();
        return new Sample(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), heap, threads, fds, lines,
                echoes.get());
    }

    /** A shell whose output is counted in lines as the terminal reads it. */
    static final class Counted implements RemoteShell {
        final RemoteShell shell;
        final AtomicLong lines = new AtomicLong();
        private final InputStream output;

        Counted(RemoteShell shell) {
            this.shell = shell;
            this.output = new FilterInputStream(shell.output()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    for (int i = 0; i < n; i++) {
                        if (b[off + i] == '\n') {
                            lines.incrementAndGet();
                        }
                    }
                    return n;
                }
            };
        }

        @Override
        public InputStream output() {
            return output;
        }

        @Override
        public OutputStream input() {
            return shell.input();
        }

        @Override
        public void resize(int columns, int rows) throws IOException {
            shell.resize(columns, rows);
        }

        @Override
        public boolean isOpen() {
            return shell.isOpen();
        }

        @Override
        public Integer awaitEnd() {
            return shell.awaitEnd();
        }

        @Override
        public boolean connectionOpen() {
            return shell.connectionOpen();
        }

        @Override
        public void close() {
            shell.close();
        }
    }

    private static TabPane showWindow() throws Exception {
        CompletableFuture<TabPane> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            TabPane tabs = new TabPane();
            Stage stage = new Stage();
            stage.setScene(new Scene(tabs, 1000, 700));
            stage.show();
            shown.complete(tabs);
        });
        return shown.get(20, TimeUnit.SECONDS);
    }

    private static void startFx() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        Platform.setImplicitExit(false);
        started.await(10, TimeUnit.SECONDS);
    }
}
