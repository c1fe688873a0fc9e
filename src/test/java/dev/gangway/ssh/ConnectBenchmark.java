package dev.gangway.ssh;

import static dev.gangway.testsupport.OpenSshServer.run;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.connect.HostKeyPrompt;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.testsupport.OpenSshServer;

/**
 * Connect to a prompt inside a warm Gangway (TCP, key exchange, host-key check, auth, shell with a
 * pty, first output) against OpenSSH's {@code ssh -i key host true} to the same sshd, in one run.
 * Each side's phases are printed too (Gangway's from MINA's session events, OpenSSH's from
 * {@code ssh -vvv}'s lines as they arrive), so the difference can be placed.
 * {@code ./mvnw -Pbench test -Dtest=ConnectBenchmark}; README's Performance section quotes it.
 */
@Tag("bench")
class ConnectBenchmark {

    static final int WARMUP = 8;
    static final int RUNS = 15;
    /** How long the second press of a double-click lasts before its release (a typical figure). */
    static final int PRESS_MS = 100;

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
            // Gangway's phases, from MINA's session events: TCP up, keys agreed (KEX and host-key check), logged in.
            Map<String, List<Double>> phases = new LinkedHashMap<>();
            AtomicLong tcp = new AtomicLong();
            AtomicLong keys = new AtomicLong();
            connector.listen(new SessionListener() {
                @Override
                public void sessionCreated(Session session) {
                    tcp.set(System.nanoTime());
                }

                @Override
                public void sessionEvent(Session session, Event event) {
                    if (event == Event.KeyEstablished && keys.get() == 0) {
                        keys.set(System.nanoTime());
                    }
                }
            });
            List<Double> unprepared = new ArrayList<>();
            String kex = null;
            for (int i = 0; i < WARMUP + 2 * RUNS; i++) {
                // The window prepares the key exchange's key when a row is selected, well before a
                // double-click (KeyExchanges); every other run leaves it to the exchange, as a first
                // connect straight after start would.
                boolean prepared = i < WARMUP || (i - WARMUP) % 2 == 0;
                if (prepared) {
                    SshConnector.prepare();
                    KeyExchanges.awaitPrepared();
                }
                tcp.set(0);
                keys.set(0);
                long start = System.nanoTime();
                try (SshSession session = connector.connect(target, identity,
                        new HostKeyCheck(knownHosts, (h, p, t, f) -> true, "127.0.0.1", sshd.port), Duration.ofSeconds(20))) {
                    long auth = System.nanoTime();
                    try (ShellChannel shell = session.openShell(120, 34)) {
                        long opened = System.nanoTime();
                        InputStream out = shell.output();
                        if (out.read() < 0) {
                            throw new IllegalStateException("the shell printed nothing");
                        }
                        long first = System.nanoTime();
                        kex = session.keyExchange();
                        if (i >= WARMUP && !prepared) {
                            unprepared.add((first - start) / 1e6);
                        } else if (i >= WARMUP) {
                            gangway.add((first - start) / 1e6);
                            loggedIn.add((auth - start) / 1e6);
                            phase(phases, "TCP connect", start, tcp.get());
                            phase(phases, "key exchange + host-key check", tcp.get(), keys.get());
                            phase(phases, "auth", keys.get(), auth);
                            phase(phases, "channel + pty + shell", auth, opened);
                            phase(phases, "first byte", opened, first);
                        }
                    }
                }
            }
            // A double-click as the window sees it: the connection starts at the second press
            // (connectEarly) and the login at the release, a typical 100 ms later (modelled by a wait:
            // a benchmark of a human's timing); timed from the release to the first output.
            List<Double> doubleClick = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                SshConnector.prepare();
                KeyExchanges.awaitPrepared();
                connector.connectEarly(target, new HostKeyCheck(knownHosts, HostKeyPrompt.REFUSE, "127.0.0.1", sshd.port));
                LockSupport.parkNanos(Duration.ofMillis(PRESS_MS).toNanos());
                long release = System.nanoTime();
                try (SshSession session = connector.connect(target, identity,
                        new HostKeyCheck(knownHosts, HostKeyPrompt.REFUSE, "127.0.0.1", sshd.port), Duration.ofSeconds(20));
                     ShellChannel shell = session.openShell(120, 34)) {
                    if (shell.output().read() < 0) {
                        throw new IllegalStateException("the shell printed nothing");
                    }
                    doubleClick.add((System.nanoTime() - release) / 1e6);
                }
            }
            // As installed (Debian's ssh_config turns GSSAPIAuthentication on), and with it off, the fastest
            // OpenSSH login there is, so the ratio does not lean on a slow default.
            Map<String, List<Double>> opensshPhases = opensshPhases(key, knownHosts, sshd.port, user);
            List<Double> openssh = opensshTimes(key, knownHosts, sshd.port, user);
            List<Double> opensshNoGssapi = opensshTimes(key, knownHosts, sshd.port, user, "-o", "GSSAPIAuthentication=no");
            double g = median(gangway);
            double o = median(openssh);
            double fast = median(opensshNoGssapi);
            System.out.printf("BENCH connect to prompt, median of %d: Gangway (warm, shell + pty + first output) %.1f ms "
                    + "(logged in after %.1f ms), OpenSSH ssh -i key host true %.1f ms (%.1f ms with "
                    + "GSSAPIAuthentication=no): %.2fx OpenSSH's time (%.2fx the GSSAPI-off time; target <= 1.0x)%n",
                    RUNS, g, median(loggedIn), o, fast, g / o, g / fast);
            double tt = median(opensshFirstByte(key, knownHosts, sshd.port, user));
            System.out.printf("BENCH like for like, a login shell with a pty to its first output: Gangway %.1f ms, "
                    + "OpenSSH ssh -tt %.1f ms (GSSAPI off): %.2fx%n", g, tt, g / tt);
            System.out.printf("BENCH key exchange %s; with its key made on the spot (nothing prepared): %.1f ms "
                    + "to the first output, %.2fx OpenSSH's time%n", kex, median(unprepared), median(unprepared) / o);
            System.out.printf("BENCH double-click, the connection started at the second press (%d ms before the "
                    + "release): %.1f ms from the release to the first output, %.2fx OpenSSH's time%n", PRESS_MS,
                    median(doubleClick), median(doubleClick) / o);
            System.out.println("BENCH Gangway's phases (median ms): " + medians(phases));
            System.out.println("BENCH OpenSSH's phases, from ssh -vvv's lines as they came (median ms): "
                    + medians(opensshPhases));
            Files.deleteIfExists(knownHosts);
        }
    }

    private static void phase(Map<String, List<Double>> phases, String name, long from, long to) {
        if (from != 0 && to != 0) {
            phases.computeIfAbsent(name, k -> new ArrayList<>()).add((to - from) / 1e6);
        }
    }

    private static String medians(Map<String, List<Double>> phases) {
        StringBuilder s = new StringBuilder();
        phases.forEach((name, values) -> s.append(s.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(String.format("%.1f", median(values))));
        return s.toString();
    }

    /**
     * OpenSSH's phases: {@code ssh -vvv host true}, each debug line timed as it arrives (from the
     * process's start): TCP up ("Connection established"), keys agreed ("SSH2_MSG_NEWKEYS received",
     * the host key checked before it), logged in ("Authenticated to"), the session channel asked for
     * ("channel 0: new"), and the exit.
     */
    private static Map<String, List<Double>> opensshPhases(Path key, Path knownHosts, int port, String user)
            throws Exception {
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            List<String> cmd = new ArrayList<>(List.of("ssh", "-vvv", "-o", "StrictHostKeyChecking=yes", "-o",
                    "UserKnownHostsFile=" + knownHosts, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                    "-o", "GSSAPIAuthentication=no", "-i", key.toString(), "-p", String.valueOf(port), user + "@127.0.0.1",
                    "true"));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long tcp = 0;
            long keys = 0;
            long auth = 0;
            long channel = 0;
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    long now = System.nanoTime();
                    if (tcp == 0 && line.contains("Connection established")) {
                        tcp = now;
                    } else if (keys == 0 && line.contains("SSH2_MSG_NEWKEYS received")) {
                        keys = now;
                    } else if (auth == 0 && line.contains("Authenticated to")) {
                        auth = now;
                    } else if (channel == 0 && line.contains("channel 0: new")) {
                        channel = now;
                    }
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ssh -vvv failed");
            }
            long end = System.nanoTime();
            if (i >= WARMUP) {
                phase(phases, "process start + TCP connect", start, tcp);
                phase(phases, "key exchange + host-key check", tcp, keys);
                phase(phases, "auth", keys, auth);
                phase(phases, "channel", auth, channel);
                phase(phases, "command + exit", channel, end);
            }
        }
        return phases;
    }

    /**
     * {@code ssh -tt host}: a login shell with a pty, from the process's start to the first byte it
     * prints (the shell's first output), the same point Gangway's figure ends at.
     */
    private static List<Double> opensshFirstByte(Path key, Path knownHosts, int port, String user) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            List<String> cmd = List.of("ssh", "-tt", "-o", "StrictHostKeyChecking=yes", "-o",
                    "UserKnownHostsFile=" + knownHosts, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                    "-o", "GSSAPIAuthentication=no", "-i", key.toString(), "-p", String.valueOf(port),
                    user + "@127.0.0.1");
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                if (p.getInputStream().read() < 0) {
                    throw new IllegalStateException("ssh -tt printed nothing");
                }
                long first = System.nanoTime();
                if (i >= WARMUP) {
                    times.add((first - start) / 1e6);
                }
            } finally {
                p.getOutputStream().close();
                p.destroy();
                p.waitFor();
            }
        }
        return times;
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
