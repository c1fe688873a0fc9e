package dev.gangway.rdp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.boot.AppDirs;
import dev.gangway.common.HostOs;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.sandbox.SandboxPasswords;
import dev.gangway.testsupport.CliRunner;
import dev.gangway.testsupport.FakeMachine;

/** {@code gangway rdp} against the sandbox's Windows instances. */
class RdpCommandTest {

    @TempDir
    Path home;
    RdpLaunchers.Probe probe = RdpLaunchers.Probe.system();
    final CliRunner<RdpCommand> cli = new CliRunner<>("rdp", RdpCommand.class, rdp -> {
        rdp.console = null;
        rdp.os = HostOs.LINUX;
        rdp.probe = probe;
        // FreeRDP keeps trying to reconnect to a listener that closed on it: the command returns once
        // the file's read time is over (30 s in the app).
        rdp.readTime = Duration.ofSeconds(2);
    });

    @BeforeEach
    void isolate() {
        System.setProperty("gangway.home", home.toString());
    }

    /** The next test class must not inherit this one's (deleted) home folder. */
    @AfterEach
    void restore() {
        System.clearProperty("gangway.home");
    }

    int rdp(String... args) {
        return cli.run(args);
    }

    /** The password the sandbox set for {@code name} (the same world on every start). */
    String passwordSetFor(String name) throws Exception {
        return SandboxPasswords.setFor(AppDirs.detect().sandboxData(), name);
    }

    @Test
    void aDryRunPrintsThePlanAndTheFileWithoutThePasswordAndWarnsThatThePortIsClosedToYou() throws Exception {
        assertThat(rdp("win-app", "--dry-run", "--client", "FreeRDP")).as(cli.err()).isZero();
        // The certificate is pinned to the thumbprint win-app printed to its console output.
        assertThat(cli.out()).containsPattern("/cert:fingerprint:sha1:([0-9a-f]{2}:){19}[0-9a-f]{2}\n")
                .doesNotContain("/cert:tofu");
        assertThat(cli.out()).contains("Client:   FreeRDP").contains("/from-stdin:force")
                .contains("Password: written to the client's standard input")
                .contains("full address:s:ec2-198-51-100-25.compute-1.sandbox.invalid\n")
                .contains("username:s:Administrator\n")
                .doesNotContain(passwordSetFor("win-app"));
        // win-app's group lets in only the office range; the sandbox's "your IP" is loopback.
        assertThat(cli.err()).contains("warning: Port 3389 is not open to 127.0.0.1").contains("203.0.113.0/24")
                .contains("Its Session Manager agent is online: --via ssm goes through it with no open port.");

        // Over Session Manager the file names the tunnel's side; a dry run opens no session.
        cli.clear();
        assertThat(rdp("win-app", "--dry-run", "--client", "FreeRDP", "--via", "ssm")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("full address:s:127.0.0.1\n");
        assertThat(cli.err()).doesNotContain("warning").contains("a local port on 127.0.0.1");

        cli.clear();
        assertThat(rdp("win-app", "--dry-run", "--client", "mstsc", "--address", "127.0.0.1", "--port", "13389")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Command:  mstsc ").contains("TERMSRV/127.0.0.1")
                .contains("full address:s:127.0.0.1:13389");
    }

    @Test
    void anInstanceThatCannotTakeRemoteDesktopSaysWhy() {
        assertThat(rdp("win-paris", "--dry-run")).isEqualTo(1);
        assertThat(cli.err()).contains("not available yet").contains("launched 1 min ago");
        cli.clear();
        assertThat(rdp("sydney-win", "--dry-run")).isEqualTo(1);
        assertThat(cli.err()).contains("sydney-win").contains("is stopped: start it first (gangway start).");
        cli.clear();
        assertThat(rdp("web-1", "--dry-run")).isEqualTo(1);
        assertThat(cli.err()).contains("not a Windows instance");
    }

    @Test
    void withNoClientInstalledItSaysWhatToInstallAndStillGivesTheFile() {
        probe = FakeMachine.bare();
        assertThat(rdp("win-app")).isEqualTo(1);
        assertThat(cli.err()).contains("no Remote Desktop client is installed").contains("Install Remmina");
        assertThat(cli.out()).contains("full address:s:ec2-198-51-100-25.compute-1.sandbox.invalid");
    }

    @Test
    void startsFreeRdpOnTheGivenAddressWhichConnectsThere() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> connected = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    // Accepted, then closed: the client gives up and exits.
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> rdp("win-app", "--client", "FreeRDP",
                    "--address", "127.0.0.1", "--port", String.valueOf(server.getLocalPort())));
            connected.get(30, TimeUnit.SECONDS);
            assertThat(status.get(60, TimeUnit.SECONDS)).as(cli.err()).isZero();
            assertThat(cli.err()).contains("started FreeRDP for Administrator at 127.0.0.1:" + server.getLocalPort());
        } finally {
            // The client outlives the command, as a Remote Desktop session does.
            ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("freerdp"))
                    .forEach(ProcessHandle::destroy);
        }
    }

    /**
     * A client the user named is used or refused, never swapped (issue 27: --client Remmina started
     * FreeRDP); an unknown one, or one of another OS, is a bad argument naming this OS's clients.
     */
    @Test
    void aNamedClientIsUsedOrRefusedNeverSwapped() {
        probe = FakeMachine.with(java.util.Set.of("xfreerdp"), java.util.Set.of());
        assertThat(rdp("win-app", "--client", "Remmina")).isEqualTo(1);
        assertThat(cli.err()).contains("Remmina is not installed").contains("Installed here: FreeRDP")
                .doesNotContain("started");
        cli.clear();
        assertThat(rdp("win-app", "--client", "bogus")).isEqualTo(2);
        assertThat(cli.err()).contains("'bogus' is not a Remote Desktop client Gangway knows. On Linux: "
                + "Remmina (not installed), FreeRDP (installed).");
        cli.clear();
        assertThat(rdp("win-app", "--client", "Windows App")).isEqualTo(2);
        assertThat(cli.err()).contains("'Windows App' is a Remote Desktop client for macOS, not for Linux.");
        // A dry run still shows what another OS's client would be given.
        cli.clear();
        assertThat(rdp("win-app", "--client", "Windows App", "--dry-run")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Client:   Windows App");
        // The program's name names its client.
        cli.clear();
        assertThat(rdp("win-app", "--client", "xfreerdp", "--dry-run")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Client:   FreeRDP");
    }

    /**
     * A client that gives up at once is reported with its exit status and its own last line, and
     * the command fails (issue 27: "started FreeRDP" and exit 0 when FreeRDP had failed).
     */
    @Test
    void aClientThatGivesUpAtOnceIsReportedWithItsLastLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens there once this is closed
        }
        assertThat(rdp("win-app", "--client", "FreeRDP", "--address", "127.0.0.1", "--port", String.valueOf(closed)))
                .as(cli.err()).isEqualTo(1);
        assertThat(cli.err()).containsPattern("FreeRDP stopped at once \\(exit status \\d+[^)]*\\): \\S")
                .doesNotContain("[ERROR]");
    }
}
