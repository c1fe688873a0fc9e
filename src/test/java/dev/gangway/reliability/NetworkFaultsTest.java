package dev.gangway.reliability;

import static dev.gangway.testsupport.OpenSshServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.connect.HostKeyPrompt;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.ssh.HostKeyCheck;
import dev.gangway.ssh.ShellChannel;
import dev.gangway.ssh.SshConnector;
import dev.gangway.ssh.SshTarget;
import dev.gangway.terminal.SessionState;
import dev.gangway.testsupport.NetNamespace;
import dev.gangway.testsupport.OpenSshServer;

/**
 * Faults of the network and of the server, against Debian's real sshd: one killed with SIGKILL
 * mid-session (the kernel closes its connections), and one in a network namespace of the test's
 * own whose link is dropped (no FIN, no RST: packets go nowhere). Each session says what happened
 * as its terminal tab shows it, the others keep working, and Reconnect works.
 */
class NetworkFaultsTest {

    static final String USER = System.getProperty("user.name");

    @TempDir
    static Path dir;
    static Path key;
    static SshConnector connector;

    @BeforeAll
    static void start() throws Exception {
        key = dir.resolve("id_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        connector = new SshConnector();
    }

    @AfterAll
    static void stop() {
        connector.close();
    }

    @Test
    void anSshdKilledMidSessionIsSaidTheOtherSessionLivesAndReconnectWorks() throws Exception {
        try (OpenSshServer killed = server("killed"); OpenSshServer other = server("other")) {
            Shell first = shell(killed);
            Shell second = shell(other);
            first.answers();
            second.answers();

            killed.kill();
            SessionState state = first.awaitEnd(Duration.ofSeconds(20));
            assertThat(state.status()).startsWith("The connection was lost").contains("network dropped");
            assertThat(state.canReconnect()).isTrue();
            second.answers();

            try (OpenSshServer again = killed.restart()) {
                Shell reconnected = shell(again);
                reconnected.answers();
                reconnected.channel.close();
            }
            second.channel.close();
        }
    }

    @Test
    void aLinkCutWithoutAFinIsNoticedByTheKeepAlivesWithinThirtySeconds() throws Exception {
        try (NetNamespace far = NetNamespace.create();
             OpenSshServer sshd = OpenSshServer.startIn(far, dir.resolve("far"), List.of(Path.of(key + ".pub")))) {
            Shell shell = shell(sshd);
            shell.answers();
            long cut = System.nanoTime();
            far.cut();
            SessionState state = shell.awaitEnd(Duration.ofSeconds(60));
            Duration noticed = Duration.ofNanos(System.nanoTime() - cut);
            System.out.println("A cut link was noticed after " + noticed.toMillis() + " ms: " + state);
            assertThat(noticed).isLessThan(Duration.ofSeconds(30));
            assertThat(state.isProblem()).isTrue();
            assertThat(state.canReconnect()).isTrue();
            assertThat(state.status()).startsWith("No answer to keep-alives").contains(sshd.address);
        }
    }

    private static OpenSshServer server(String name) throws Exception {
        return OpenSshServer.start(dir.resolve(name), List.of(Path.of(key + ".pub")));
    }

    /** A login shell over a connection whose host key known_hosts already holds: nothing is asked. */
    private static Shell shell(OpenSshServer sshd) throws Exception {
        Path knownHosts = sshd.dir.resolve("known_hosts");
        if (!Files.exists(knownHosts)) {
            Files.writeString(knownHosts, "[" + sshd.address + "]:" + sshd.port + " "
                    + Files.readString(Path.of(sshd.hostKey + ".pub")));
        }
        var session = connector.connect(new SshTarget(sshd.address, sshd.port, USER),
                KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(knownHosts, HostKeyPrompt.REFUSE, sshd.address, sshd.port), Duration.ofSeconds(20));
        return new Shell(session.openShell(80, 24));
    }

    /** A shell and everything it printed, read as it comes. */
    static final class Shell {
        final ShellChannel channel;
        final StringBuffer screen = new StringBuffer();
        int asked;

        Shell(ShellChannel channel) {
            this.channel = channel;
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try (InputStream in = channel.output()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the connection ended: what the test looks at is the state
                }
            }, "fault-test-screen");
            reader.setDaemon(true);
            reader.start();
        }

        /** Asks the shell a sum it has not been asked before and waits for its answer. */
        void answers() throws Exception {
            int a = 1000 + ++asked;
            channel.input().write(("echo $((" + a + "*3))\n").getBytes(StandardCharsets.US_ASCII));
            channel.input().flush();
            String expected = (a * 3) + "\r\n";
            try {
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> screen.indexOf(expected) >= 0);
            } catch (TimeoutException e) {
                throw new AssertionError("no answer " + expected.trim() + "; the screen shows:\n" + screen, e);
            }
        }

        /** Waits for the shell to end; the state its terminal tab then shows. */
        SessionState awaitEnd(Duration within) throws Exception {
            Integer status = CompletableFuture.supplyAsync(channel::awaitEnd).get(within.toMillis(), TimeUnit.MILLISECONDS);
            return SessionState.ended(channel, status, channel.connectionOpen());
        }
    }
}
