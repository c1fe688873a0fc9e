package dev.gangway.ssh;

import static dev.gangway.testsupport.OpenSshServer.run;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.testsupport.OpenSshServer;

/**
 * Connect to a prompt inside a warm Gangway (TCP, key exchange, host-key check, auth, shell with a
 * pty, first output) against OpenSSH's {@code ssh -i key host true} to the same sshd, in one run.
 * {@code ./mvnw -Pbench test -Dtest=ConnectBenchmark}; README's Performance section quotes it.
 */
@Tag("bench")
class ConnectBenchmark {

    static final int WARMUP = 8;
    static final int RUNS = 15;

    @TempDir
    Path dir;

    @Test
    void connectToPromptAgainstOpenSsh() throws Exception {
        Path key = dir.resolve("id_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        String user = System.getProperty("user.name");
        try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), List.of(Path.of(key + ".pub")));
             SshConnector connector = new SshConnector()) {
            Path knownHosts = dir.resolve("known_hosts");
            KeyPair identity = KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE);
            SshTarget target = new SshTarget("127.0.0.1", sshd.port, user);
            List<Double> gangway = new ArrayList<>();
            List<Double> loggedIn = new ArrayList<>();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                long start = System.nanoTime();
                try (SshSession session = connector.connect(target, identity,
                        new HostKeyCheck(knownHosts, (h, p, t, f) -> true, "127.0.0.1", sshd.port), Duration.ofSeconds(20))) {
                    long auth = System.nanoTime();
                    try (ShellChannel shell = session.openShell(120, 34)) {
                        InputStream out = shell.output();
                        if (out.read() < 0) {
                            throw new IllegalStateException("the shell printed nothing");
                        }
                        if (i >= WARMUP) {
                            gangway.add((System.nanoTime() - start) / 1e6);
                            loggedIn.add((auth - start) / 1e6);
                        }
                    }
                }
            }
            // As installed (Debian's ssh_config turns GSSAPIAuthentication on), and with it off, the fastest
            // OpenSSH login there is, so the ratio does not lean on a slow default.
            List<Double> openssh = opensshTimes(key, knownHosts, sshd.port, user);
            List<Double> opensshNoGssapi = opensshTimes(key, knownHosts, sshd.port, user, "-o", "GSSAPIAuthentication=no");
            double g = median(gangway);
            double o = median(openssh);
            double fast = median(opensshNoGssapi);
            System.out.printf("BENCH connect to prompt, median of %d: Gangway (warm, shell + pty + first output) %.1f ms "
                    + "(logged in after %.1f ms), OpenSSH ssh -i key host true %.1f ms (%.1f ms with "
                    + "GSSAPIAuthentication=no): %.2fx OpenSSH's time (%.2fx the GSSAPI-off time; target <= 1.0x)%n",
                    RUNS, g, median(loggedIn), o, fast, g / o, g / fast);
            Files.deleteIfExists(knownHosts);
        }
    }

    private static List<Double> opensshTimes(Path key, Path knownHosts, int port, String user, String... extra)
            throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            List<String> cmd = new ArrayList<>(List.of("ssh", "-o", "StrictHostKeyChecking=yes", "-o",
                    "UserKnownHostsFile=" + knownHosts, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"));
            cmd.addAll(List.of(extra));
            cmd.addAll(List.of("-i", key.toString(), "-p", String.valueOf(port), user + "@127.0.0.1", "true"));
            long start = System.nanoTime();
            int status = OpenSshServer.status(cmd.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("ssh exited with " + status);
            }
            if (i >= WARMUP) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        return times;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
