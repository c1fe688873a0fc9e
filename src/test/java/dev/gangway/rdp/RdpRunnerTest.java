package dev.gangway.rdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.rdp.LaunchPlan.Handover;
import dev.gangway.testsupport.FakeRdpServer;

/**
 * Plans carried out for real: FreeRDP (xfreerdp, under the test's X server) started with a generated
 * file connects to a listener on loopback, the password reaches it on standard input and never
 * appears in any process's command line, and the file is 0600 and gone afterwards.
 */
class RdpRunnerTest {

    static final String PASSWORD = "Gw-Rdp-7e3!pass";

    /** Every process's command line, as any local user can read it. */
    static List<String> allCommandLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    lines.add(new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' '));
                } catch (IOException gone) {
                    // The process ended meanwhile.
                }
            }
        }
        return lines;
    }

    @Test
    void freeRdpConnectsWithTheGeneratedFileAndGetsThePasswordOnlyOnStandardInput() throws Exception {
        RdpLaunchers.Launcher freeRdp = RdpLaunchers.freeRdp(RdpLaunchers.Probe.system());
        assertThat(freeRdp.isAvailable()).as("FreeRDP installed (.ci/run installs freerdp2-x11)").isTrue();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> connected = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            RdpFile rdp = RdpFile.windowed("127.0.0.1", server.getLocalPort(), "Administrator");
            Path file = RdpRunner.newRdpFile("win-app (i-0abc)");
            LaunchPlan plan = freeRdp.plan(rdp, file, Optional.empty());
            char[] password = PASSWORD.toCharArray();
            RdpRunner.Launched launched = new RdpRunner(RdpRunner.CredentialStore.system(), Duration.ofMinutes(2))
                    .launch(plan, password);
            try {
                // The client is running with its file, which only the user can read.
                assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
                assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
                assertThat(file.getFileName().toString()).isEqualTo("win-app__i-0abc_.rdp");

                // It read the file and connected to the address in it.
                try (Socket s = connected.get(30, TimeUnit.SECONDS)) {
                    assertThat(s.getInetAddress().isLoopbackAddress()).isTrue();
                    assertThat(allCommandLines()).anyMatch(l -> l.contains("/from-stdin:force") && l.contains(file.toString()))
                            .noneMatch(l -> l.contains(PASSWORD));
                }
            } finally {
                launched.process().destroy();
            }
            // Closed connection: the client gives up and exits, and its file goes with it.
            launched.cleanedUp().get(30, TimeUnit.SECONDS);
            assertThat(file).doesNotExist();
            assertThat(file.getParent()).doesNotExist();
        }
    }

    /**
     * A stand-in client records what it was given: the .rdp file exactly as mstsc and FreeRDP read
     * it (UTF-16LE with its byte-order mark), the whole password and its newline on standard input,
     * and an environment with nothing of Gangway's own (no AWS_ variables, no JAVA_HOME, no MAVEN_).
     */
    @Test
    void theClientGetsTheFileWithItsBomTheWholePasswordAndOnlyADesktopsEnvironment(@TempDir Path seen)
            throws Exception {
        RdpFile rdp = RdpFile.windowed("win.example", 3389, "Administrator");
        Path file = RdpRunner.newRdpFile("win-app");
        String record = "cp \"$1\" '" + seen.resolve("file.rdp") + "'; env > '" + seen.resolve("env.txt") + "'; "
                + "cat > '" + seen.resolve("stdin.bin") + "'";
        LaunchPlan plan = new LaunchPlan("FreeRDP", List.of("sh", "-c", record, "sh", file.toString()), rdp, file,
                Handover.STDIN, null, null);
        RdpRunner.Launched launched = new RdpRunner(RdpRunner.CredentialStore.system(), Duration.ofMinutes(2))
                .launch(plan, PASSWORD.toCharArray());
        assertThat(launched.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        launched.cleanedUp().get(30, TimeUnit.SECONDS);

        byte[] given = Files.readAllBytes(seen.resolve("file.rdp"));
        assertThat(given).startsWith((byte) 0xFF, (byte) 0xFE);
        assertThat(new String(given, 2, given.length - 2, StandardCharsets.UTF_16LE))
                .contains("full address:s:win.example\r\n").contains("username:s:Administrator");
        assertThat(Files.readString(seen.resolve("stdin.bin"), StandardCharsets.UTF_8)).isEqualTo(PASSWORD + "\n");
        List<String> names = Files.readAllLines(seen.resolve("env.txt")).stream().filter(l -> l.contains("="))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
        assertThat(names).noneMatch(n -> n.startsWith("AWS_") || n.equals("JAVA_HOME") || n.startsWith("MAVEN")
                || n.startsWith("GANGWAY") || n.equals("CI")).contains("PATH");
        assertThat(file).doesNotExist();
    }

    /** A gangway rdp killed with SIGKILL leaves its folder; the next start removes it, and only such folders. */
    @Test
    void foldersAKilledGangwayLeftAreRemovedAtTheNextStartAndNothingElse(@TempDir Path tmp) throws Exception {
        FileTime hoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Path left = Files.createDirectory(tmp.resolve("gangway-rdp-4711"));
        Files.writeString(left.resolve("win-app.rdp"), "full address:s:win.example");
        Files.setLastModifiedTime(left, hoursAgo);
        Path live = Files.createDirectory(tmp.resolve("gangway-rdp-4712"));
        Files.writeString(live.resolve("win-app.rdp"), "full address:s:win.example");
        Path other = Files.createDirectory(tmp.resolve("gangway-other"));
        Files.setLastModifiedTime(other, hoursAgo);
        assertThat(RdpRunner.removeLeftovers(tmp, Instant.now())).containsExactly(left);
        assertThat(left).doesNotExist();
        assertThat(live.resolve("win-app.rdp")).exists();
        assertThat(other).exists();
    }

    @Test
    void freeRdpGoesOnOnlyWithTheCertificateWhoseThumbprintTheConsoleOutputPrinted(@TempDir Path dir) throws Exception {
        RdpLaunchers.Launcher freeRdp = RdpLaunchers.freeRdp(RdpLaunchers.Probe.system());
        for (boolean right : new boolean[] {true, false}) {
            try (FakeRdpServer server = new FakeRdpServer(dir)) {
                String printed = right ? server.thumbprint : "0011223344556677889900112233445566778899";
                String console = "2026/03/01 09:18:52Z: RDPCERTIFICATE-THUMBPRINT: " + printed + "\n";
                RdpFile rdp = RdpFile.windowed("127.0.0.1", server.port(), "Administrator");
                LaunchPlan plan = freeRdp.plan(rdp, RdpRunner.newRdpFile("win"), RdpCertificate.thumbprint(console));
                RdpRunner.Launched launched = new RdpRunner(RdpRunner.CredentialStore.system(), Duration.ofMinutes(2))
                        .launch(plan, PASSWORD.toCharArray());
                try {
                    assertThat(server.clientWentOn.get(30, TimeUnit.SECONDS)).as(right ? "the printed certificate" : "another one")
                            .isEqualTo(right);
                } finally {
                    launched.process().destroy();
                    launched.cleanedUp().get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void aStoredCredentialIsRemovedOnceTheClientHasStartedAndAMissingClientLeavesNothingBehind() throws Exception {
        List<String> calls = new ArrayList<>();
        RdpRunner.CredentialStore recorder = new RdpRunner.CredentialStore() {
            @Override
            public void store(String target, String user, char[] password) {
                calls.add("store " + target + " " + user + " " + password.length);
            }

            @Override
            public void remove(String target) {
                calls.add("remove " + target);
            }
        };
        RdpFile rdp = RdpFile.windowed("10.1.2.3", 3389, "Administrator");
        // mstsc's plan, with a stand-in for mstsc that ends at once.
        Path file = RdpRunner.newRdpFile("win");
        LaunchPlan plan = new LaunchPlan("mstsc", List.of("sh", "-c", "exit 0"), rdp, file, Handover.CREDENTIAL_STORE,
                "TERMSRV/10.1.2.3", null);
        new RdpRunner(recorder, Duration.ofMinutes(2)).launch(plan, PASSWORD.toCharArray()).cleanedUp().get(30, TimeUnit.SECONDS);
        assertThat(calls).containsExactly("store TERMSRV/10.1.2.3 Administrator " + PASSWORD.length(), "remove TERMSRV/10.1.2.3");
        assertThat(file).doesNotExist();

        Path missing = RdpRunner.newRdpFile("win");
        LaunchPlan nowhere = new LaunchPlan("Remmina", List.of("no-such-rdp-client-here", missing.toString()), rdp, missing,
                Handover.CLIPBOARD, null, null);
        assertThatThrownBy(() -> new RdpRunner(recorder, Duration.ofMinutes(2)).launch(nowhere, PASSWORD.toCharArray()))
                .isInstanceOf(IOException.class).hasMessageContaining("Could not start Remmina");
        assertThat(missing).doesNotExist();
        assertThat(missing.getParent()).doesNotExist();
    }
}
