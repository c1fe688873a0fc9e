package dev.gangway.ssm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.aws.CloudAccess;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.ssh.HostKeyCheck;
import dev.gangway.ssh.ShellChannel;
import dev.gangway.ssh.SshConnector;
import dev.gangway.ssh.SshSession;
import dev.gangway.ssh.SshTarget;
import dev.gangway.testsupport.SandboxInstances;

/**
 * Session Manager against the same instance's SSH in one run, both to the sandbox on 127.0.0.1:
 * time to a prompt, keystroke echo, and a 50 MB {@code cat}; and, when AWS's
 * {@code session-manager-plugin} and the AWS CLI are on the PATH, {@code aws ssm start-session}'s
 * time to the same prompt. {@code ./mvnw -Pbench test -Dtest=SsmBenchmark}; README quotes it.
 */
@Tag("bench")
class SsmBenchmark {

    static final int WARMUP = 5;
    static final int RUNS = 15;
    static final int ECHOES = 200;
    static final long FLOOD = 50L << 20;

    @TempDir
    Path data;

    /** A shell's output read as it comes: byte count and the last bytes, for markers. */
    static final class Reader {
        private final StringBuilder tail = new StringBuilder();
        private long total;

        Reader(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[65536];
                try {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        synchronized (this) {
                            total += n;
                            tail.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                            if (tail.length() > 8192) {
                                tail.delete(0, tail.length() - 4096);
                            }
                            notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the end
                }
            }, "bench-reader");
            t.setDaemon(true);
            t.start();
        }

        synchronized void clear() {
            tail.setLength(0);
        }

        synchronized long total() {
            return total;
        }

        synchronized void await(String marker) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (tail.indexOf(marker) < 0) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("no \"" + marker + "\" in: " + tail);
                }
                wait(50);
            }
        }
    }

    @Test
    void sessionManagerAgainstSshAndThePlugin() throws Exception {
        try (SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(data.resolve("sandbox")));
             CloudAccess access = sandbox.cloudAccess();
             SshConnector connector = new SshConnector()) {
            Machine m = SandboxInstances.machine(sandbox, "web-1");
            Instance web = SandboxInstances.instance(sandbox, "web-1");
            int sshPort = Integer.parseInt(m.tags.get(Instance.SSH_PORT_TAG));
            KeyPair identity = KeyFiles.load(sandbox.keyFile(), KeyFiles.PassphrasePrompt.NONE);
            SshTarget target = new SshTarget("127.0.0.1", sshPort, "ec2-user");
            Path knownHosts = data.resolve("known_hosts");

            List<Double> ssm = new ArrayList<>();
            List<Double> ssh = new ArrayList<>();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                long start = System.nanoTime();
                try (SsmShell shell = SsmShell.open(SsmSessions.start(access, web, null),
                        SsmSessions.service(access, web), 120, 34, Duration.ofSeconds(20))) {
                    if (shell.output().read() < 0) {
                        throw new IllegalStateException("the Session Manager shell printed nothing");
                    }
                    if (i >= WARMUP) {
                        ssm.add((System.nanoTime() - start) / 1e6);
                    }
                }
                start = System.nanoTime();
                try (SshSession session = connector.connect(target, identity,
                        new HostKeyCheck(knownHosts, (h, p, t, f) -> true, "127.0.0.1", sshPort), Duration.ofSeconds(20));
                     ShellChannel shell = session.openShell(120, 34)) {
                    if (shell.output().read() < 0) {
                        throw new IllegalStateException("the SSH shell printed nothing");
                    }
                    if (i >= WARMUP) {
                        ssh.add((System.nanoTime() - start) / 1e6);
                    }
                }
            }
            List<Double> plugin = pluginTimes(sandbox, web);
            System.out.printf("BENCH Session Manager time to prompt (StartSession + data channel + first output), "
                    + "median of %d: Gangway %.1f ms; Gangway's SSH to the same instance %.1f ms (%.2fx); %s%n",
                    RUNS, median(ssm), median(ssh), median(ssm) / median(ssh), plugin.isEmpty()
                            ? "aws ssm start-session + session-manager-plugin: not on the PATH, not measured"
                            : String.format("aws ssm start-session + session-manager-plugin %.1f ms (Gangway %.2fx its time)",
                                    median(plugin), median(ssm) / median(plugin)));

            try (SsmShell shell = SsmShell.open(SsmSessions.start(access, web, null), SsmSessions.service(access, web),
                    120, 34, Duration.ofSeconds(20));
                 SshSession session = connector.connect(target, identity,
                         new HostKeyCheck(knownHosts, (h, p, t, f) -> true, "127.0.0.1", sshPort), Duration.ofSeconds(20));
                 ShellChannel sshShell = session.openShell(120, 34)) {
                Reader ssmOut = new Reader(shell.output());
                Reader sshOut = new Reader(sshShell.output());
                double ssmEcho = echo(shell.input(), ssmOut);
                double sshEcho = echo(sshShell.input(), sshOut);
                System.out.printf("BENCH keystroke echo, median of %d: Session Manager %.2f ms, SSH %.2f ms (%.2fx)%n",
                        ECHOES, ssmEcho, sshEcho, ssmEcho / sshEcho);
                double ssmFlood = flood(shell.input(), ssmOut);
                double sshFlood = flood(sshShell.input(), sshOut);
                System.out.printf("BENCH cat of 50 MB (100-character lines) read from the channel: Session Manager "
                        + "%.2f s (%.1f MB/s), SSH %.2f s (%.1f MB/s): Session Manager at %.2fx SSH's speed%n",
                        ssmFlood, 50 / ssmFlood, sshFlood, 50 / sshFlood, sshFlood / ssmFlood);
            }
        }
    }

    /** One character typed, until the shell echoes it; the line is cleared every 50. */
    private static double echo(OutputStream in, Reader out) throws Exception {
        in.write("stty echo; PS1='$ '\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        out.await("$ ");
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < ECHOES + 20; i++) {
            if (i % 50 == 0) {
                in.write(21); // Ctrl-U
                in.flush();
            }
            char c = (char) ('a' + i % 26);
            out.clear();
            long start = System.nanoTime();
            in.write(c);
            in.flush();
            out.await(String.valueOf(c));
            if (i >= 20) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        in.write(21);
        in.write('\n');
        in.flush();
        return median(times);
    }

    /** A 50 MB file made on the node, then its {@code cat} timed until the marker after it. */
    private static double flood(OutputStream in, Reader out) throws Exception {
        in.write(("stty -echo; yes 0123456789012345678901234567890123456789012345678901234567890123456789"
                + "012345678901234567890123456 | head -c " + FLOOD + " > flood.txt; echo made-$((1+1))\n")
                .getBytes(StandardCharsets.US_ASCII));
        in.flush();
        out.await("made-2");
        long before = out.total();
        long start = System.nanoTime();
        in.write("cat flood.txt; rm flood.txt; echo flood-$((2+3))\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        out.await("flood-5");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (out.total() - before < FLOOD) {
            throw new IllegalStateException("only " + (out.total() - before) + " bytes arrived");
        }
        return seconds;
    }

    /** {@code aws ssm start-session} with AWS's plugin, under a pty (script), until the prompt. */
    private static List<Double> pluginTimes(SandboxCloud sandbox, Instance web) throws Exception {
        if (!onPath("session-manager-plugin") || !onPath("aws") || !onPath("script")) {
            return List.of();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            ProcessBuilder pb = new ProcessBuilder("script", "-qfec", "aws ssm start-session --target " + web.id()
                    + " --endpoint-url " + sandbox.endpoint(), "/dev/null");
            Map<String, String> env = pb.environment();
            env.put("AWS_ACCESS_KEY_ID", sandbox.credentials().resolveCredentials().accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", sandbox.credentials().resolveCredentials().secretAccessKey());
            env.put("AWS_REGION", SandboxCloud.HOME_REGION);
            env.put("AWS_DEFAULT_REGION", SandboxCloud.HOME_REGION);
            env.put("AWS_CONFIG_FILE", "/dev/null");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            pb.redirectErrorStream(true);
            long start = System.nanoTime();
            Process p = pb.start();
            try {
                Reader out = new Reader(p.getInputStream());
                out.await("$ ");
                if (i >= WARMUP) {
                    times.add((System.nanoTime() - start) / 1e6);
                }
                p.getOutputStream().write("exit\n".getBytes(StandardCharsets.US_ASCII));
                p.getOutputStream().flush();
                p.waitFor(10, TimeUnit.SECONDS);
            } finally {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
        }
        return times;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Path.of(dir, command).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
