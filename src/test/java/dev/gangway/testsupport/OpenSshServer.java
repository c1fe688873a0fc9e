package dev.gangway.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH sshd, started by a test on 127.0.0.1 (or in a network namespace of the test's
 * own) with its config, host key and authorized_keys in a temp dir: the real peer of the SSH client tests.
 */
public final class OpenSshServer implements AutoCloseable {

    public final Path dir;
    /** Where it listens: 127.0.0.1, or its namespace's address. */
    public final String address;
    public final int port;
    public final Path hostKey;
    private final Process process;
    private final List<String> command;

    private OpenSshServer(Path dir, String address, int port, Path hostKey, Process process, List<String> command) {
        this.command = List.copyOf(command);
        this.dir = dir;
        this.address = address;
        this.port = port;
        this.hostKey = hostKey;
        this.process = process;
    }

    /** Starts sshd on 127.0.0.1 accepting the given public key files for the current user. */
    public static OpenSshServer start(Path dir, List<Path> authorizedPublicKeys) throws Exception {
        return start(dir, authorizedPublicKeys, null, List.of());
    }

    /** As {@link #start(Path, List)}, with lines of sshd_config of the test's own (say, "KexAlgorithms ..."). */
    public static OpenSshServer start(Path dir, List<Path> authorizedPublicKeys, List<String> config) throws Exception {
        return start(dir, authorizedPublicKeys, null, config);
    }

    /** Starts sshd inside {@code ns}, on its address, accepting the given public key files for the current user. */
    public static OpenSshServer startIn(NetNamespace ns, Path dir, List<Path> authorizedPublicKeys) throws Exception {
        return start(dir, authorizedPublicKeys, ns, List.of());
    }

    private static OpenSshServer start(Path dir, List<Path> authorizedPublicKeys, NetNamespace ns,
            List<String> extraConfig) throws Exception {
        Files.createDirectories(dir);
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
        StringBuilder authorized = new StringBuilder();
        for (Path p : authorizedPublicKeys) {
            authorized.append(Files.readString(p).trim()).append('\n');
        }
        Path authorizedKeys = Files.writeString(dir.resolve("authorized_keys"), authorized);
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd"));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String address = ns == null ? "127.0.0.1" : ns.peerAddress();
        List<String> lines = new ArrayList<>(extraConfig);
        lines.addAll(List.of(
                "Port " + port,
                "ListenAddress " + address,
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + authorizedKeys,
                "PidFile " + dir.resolve("sshd.pid"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "LogLevel VERBOSE",
                ""));
        Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n", lines));
        String[] sshd = {"/usr/sbin/sshd", "-D", "-e", "-f", config.toString()};
        List<String> cmd = new ArrayList<>(ns == null ? List.of(sshd) : ns.command(sshd));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile()).start();
        OpenSshServer server = new OpenSshServer(dir, address, port, hostKey, p, cmd);
        server.awaitListening();
        return server;
    }

    /**
     * Kills sshd and every session process it started with SIGKILL, as a crash or the OOM killer
     * does: the kernel closes their connections, and no SSH message says goodbye.
     */
    public void kill() throws Exception {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The same sshd started again after {@link #kill()}: its config, host key and port. */
    public OpenSshServer restart() throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile())).start();
        OpenSshServer server = new OpenSshServer(dir, address, port, hostKey, p, command);
        server.awaitListening();
        return server;
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException notYet) {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("sshd did not listen on " + port);
    }

    /** Runs a command to completion; fails the test on a non-zero exit. */
    public static String run(String... command) throws Exception {
        Processes.Ended ended = Processes.run(new ProcessBuilder(command).redirectErrorStream(true),
                Duration.ofSeconds(60));
        if (ended.code() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + ended.out());
        }
        return ended.out();
    }

    /** Runs a command and returns its exit status (output discarded into the server's dir). */
    public static int status(String... command) throws Exception {
        return Processes.run(new ProcessBuilder(command).redirectErrorStream(true), Duration.ofSeconds(60)).code();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
