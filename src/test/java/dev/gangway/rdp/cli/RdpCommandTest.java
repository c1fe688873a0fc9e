package dev.gangway.rdp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import dev.gangway.app.GangwayCommand;
import dev.gangway.boot.AppDirs;
import dev.gangway.common.HostOs;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.sandbox.SandboxPasswords;
import dev.gangway.testsupport.FakeMachine;

/** {@code gangway rdp} against the sandbox's Windows instances. */
class RdpCommandTest {

    @TempDir
    Path home;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    RdpLaunchers.Probe probe = RdpLaunchers.Probe.system();

    @BeforeEach
    void isolate() {
        System.setProperty("gangway.home", home.toString());
    }

    int rdp(String... args) {
        CommandLine cl = GangwayCommand.commandLine(options -> 0, "rdp");
        RdpCommand rdp = (RdpCommand) cl.getSubcommands().get("rdp").getCommand();
        rdp.console = null;
        rdp.os = HostOs.LINUX;
        rdp.probe = probe;
        // FreeRDP keeps trying to reconnect to a listener that closed on it: the command returns once
        // the file's read time is over (30 s in the app).
        rdp.readTime = Duration.ofSeconds(2);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "rdp";
        all[1] = "--sandbox";
        System.arraycopy(args, 0, all, 2, args.length);
        return cl.execute(all);
    }

    /** The password the sandbox set for {@code name} (the same world on every start). */
    String passwordSetFor(String name) throws Exception {
        return SandboxPasswords.setFor(AppDirs.detect().sandboxData(), name);
    }

    @Test
    void aDryRunPrintsThePlanAndTheFileWithoutThePasswordAndWarnsThatThePortIsClosedToYou() throws Exception {
        assertThat(rdp("win-app", "--dry-run", "--client", "FreeRDP")).as(err.toString()).isZero();
        // The certificate is pinned to the thumbprint win-app printed to its console output.
        assertThat(out.toString()).containsPattern("/cert:fingerprint:sha1:([0-9a-f]{2}:){19}[0-9a-f]{2}\n")
                .doesNotContain("/cert:tofu");
        assertThat(out.toString()).contains("Client:   FreeRDP").contains("/from-stdin:force")
                .contains("Password: written to the client's standard input")
                .contains("full address:s:ec2-198-51-100-25.compute-1.sandbox.invalid\n")
                .contains("username:s:Administrator\n")
                .doesNotContain(passwordSetFor("win-app"));
        // win-app's group lets in only the office range; the sandbox's "your IP" is loopback.
        assertThat(err.toString()).contains("warning: Port 3389 is not open to 127.0.0.1").contains("203.0.113.0/24");

        out.getBuffer().setLength(0);
        assertThat(rdp("win-app", "--dry-run", "--client", "mstsc", "--address", "127.0.0.1", "--port", "13389")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Command:  mstsc ").contains("TERMSRV/127.0.0.1")
                .contains("full address:s:127.0.0.1:13389");
    }

    @Test
    void anInstanceThatCannotTakeRemoteDesktopSaysWhy() {
        assertThat(rdp("win-paris", "--dry-run")).isEqualTo(1);
        assertThat(err.toString()).contains("not available yet").contains("launched 1 min ago");
        err.getBuffer().setLength(0);
        assertThat(rdp("sydney-win", "--dry-run")).isEqualTo(1);
        assertThat(err.toString()).contains("sydney-win").contains("is stopped. Start it first");
        err.getBuffer().setLength(0);
        assertThat(rdp("web-1", "--dry-run")).isEqualTo(1);
        assertThat(err.toString()).contains("not a Windows instance");
    }

    @Test
    void withNoClientInstalledItSaysWhatToInstallAndStillGivesTheFile() {
        probe = FakeMachine.bare();
        assertThat(rdp("win-app")).isEqualTo(1);
        assertThat(err.toString()).contains("no Remote Desktop client is installed").contains("Install Remmina");
        assertThat(out.toString()).contains("full address:s:ec2-198-51-100-25.compute-1.sandbox.invalid");
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
            assertThat(status.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
            assertThat(err.toString()).contains("started FreeRDP for Administrator at 127.0.0.1:" + server.getLocalPort());
        } finally {
            // The client outlives the command, as a Remote Desktop session does.
            ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("freerdp"))
                    .forEach(ProcessHandle::destroy);
        }
    }
}
