package dev.gangway.ssh;

import static dev.gangway.testsupport.OpenSshServer.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.connect.HostKeyPrompt;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.testsupport.OpenSshServer;
import dev.gangway.testsupport.SessionEvents;

/**
 * A connection started while the mouse is down for a double-click (TCP and the key exchange, before
 * the login is planned), against Debian's OpenSSH sshd on 127.0.0.1: the login then uses it, one
 * TCP connection in all; one whose host key known_hosts does not vouch for is dropped without a
 * word and the login asks as always; one nobody claims is closed.
 */
class EarlyConnectionTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String USER = System.getProperty("user.name");

    @TempDir
    static Path dir;
    static Path key;
    static OpenSshServer sshd;

    @BeforeAll
    static void start() throws Exception {
        key = dir.resolve("ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        sshd = OpenSshServer.start(dir.resolve("sshd"), List.of(Path.of(key + ".pub")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SshTarget target() {
        return new SshTarget("127.0.0.1", sshd.port, USER);
    }

    private static HostKeyCheck knownHostsOnly(Path knownHosts) {
        return new HostKeyCheck(knownHosts, HostKeyPrompt.REFUSE, "127.0.0.1", sshd.port);
    }

    private static Path trustedKnownHosts(SshConnector connector, String name) throws Exception {
        Path kh = dir.resolve(name);
        try (SshSession s = connector.connect(target(), KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(kh, (h, p, t, fp) -> true, "127.0.0.1", sshd.port), TIMEOUT)) {
            assertThat(s.isOpen()).isTrue();
        }
        return kh;
    }

    private static String exec(SshSession s, String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = s.exec(command, out, new ByteArrayOutputStream());
        return status + ":" + out.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void theLoginUsesTheConnectionStartedAhead() throws Exception {
        try (SshConnector connector = new SshConnector()) {
            Path kh = trustedKnownHosts(connector, "known_hosts_ahead");
            SessionEvents seen = new SessionEvents();
            connector.listen(seen);

            connector.connectEarly(target(), knownHostsOnly(kh));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.keysAgreed.get() == 1);
            assertThat(seen.created).as("the key exchange is done before any login").hasValue(1);

            try (SshSession s = connector.connect(target(), KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE),
                    new HostKeyCheck(kh, (h, p, t, fp) -> {
                        throw new AssertionError("asked about a known key");
                    }, "127.0.0.1", sshd.port), TIMEOUT)) {
                assertThat(exec(s, "echo $((6*7))")).isEqualTo("0:42");
                assertThat(s.hostKeyTrustedBy()).isEqualTo("known_hosts");
            }
            assertThat(seen.created).as("one TCP connection in all").hasValue(1);
        }
    }

    @Test
    void aKeyKnownHostsDoesNotVouchForIsLeftToTheLoginToAskAbout() throws Exception {
        try (SshConnector connector = new SshConnector()) {
            Path kh = dir.resolve("known_hosts_unknown");
            SessionEvents seen = new SessionEvents();
            connector.listen(seen);

            connector.connectEarly(target(), knownHostsOnly(kh));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.closed.get() == 1);
            assertThat(kh).as("nothing written ahead").doesNotExist();

            List<String> asked = new ArrayList<>();
            try (SshSession s = connector.connect(target(), KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE),
                    new HostKeyCheck(kh, (h, p, t, fp) -> asked.add(fp), "127.0.0.1", sshd.port), TIMEOUT)) {
                assertThat(exec(s, "echo asked")).isEqualTo("0:asked");
                assertThat(s.hostKeyTrustedBy()).isEqualTo("you");
            }
            assertThat(asked).as("asked once, by the login").hasSize(1);
            assertThat(seen.created).hasValue(2);
            assertThat(Files.readString(kh)).startsWith("|1|");
        }
    }

    /** The login's own check still decides: a key pinned by the caller that the server's is not is refused. */
    @Test
    void theLoginsOwnCheckStillDecidesOnAConnectionMadeAhead() throws Exception {
        try (SshConnector connector = new SshConnector()) {
            Path kh = trustedKnownHosts(connector, "known_hosts_pinned");
            SessionEvents seen = new SessionEvents();
            connector.listen(seen);

            connector.connectEarly(target(), knownHostsOnly(kh));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.keysAgreed.get() == 1);
            HostKeyCheck pinned = knownHostsOnly(kh).pin("SHA256:someOtherMachinesKeyXXXXXXXXXXXXXXXXXXXXXXXXX");
            assertThatThrownBy(() -> connector.connect(target(), KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE),
                    pinned, TIMEOUT))
                    .isInstanceOf(SshConnectException.class)
                    .hasMessageContaining("is not the one the instance had");
            assertThat(pinned.refusedForPin()).isTrue();
            assertThat(seen.created).as("the one made ahead dropped, the login's own refused").hasValue(2);
        }
    }

    @Test
    void aConnectionNobodyLogsInOnIsClosed() throws Exception {
        try (SshConnector connector = new SshConnector()) {
            Path kh = trustedKnownHosts(connector, "known_hosts_unclaimed");
            SessionEvents seen = new SessionEvents();
            connector.listen(seen);
            connector.keepEarlyFor(Duration.ofSeconds(2));

            connector.connectEarly(target(), knownHostsOnly(kh));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.keysAgreed.get() == 1);
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.closed.get() == 1);

            // The login after it makes a connection of its own.
            try (SshSession s = connector.connect(target(), KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE),
                    knownHostsOnly(kh), TIMEOUT)) {
                assertThat(exec(s, "echo again")).isEqualTo("0:again");
            }
            assertThat(seen.created).hasValue(2);
        }
    }
}
