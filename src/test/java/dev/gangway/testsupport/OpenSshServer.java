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
 * Debian's OpenSSH sshd, started by a test on 127.0.0.1 with its config, host key and
 * authorized_keys in a temp dir: the real peer of the SSH client tests.
 */
public final class OpenSshServer implements AutoCloseable {

    public final Path dir;
    public final int port;
    public final Path hostKey;
    private final Process process;

    private OpenSshServer(Path dir, int port, Path hostKey, Process process) {
        this.dir = dir;
        this.port = port;
        this.hostKey = hostKey;
        this.process = process;
    }

    /** Starts sshd accepting the given public key files for the current user. */
    public static OpenSshServer start(Path dir, List<Path> authorizedPublicKeys) throws Exception {
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
        Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
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
        List<String> cmd = new ArrayList<>(List.of("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile()).start();
        OpenSshServer server = new OpenSshServer(dir, port, hostKey, p);
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
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
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
