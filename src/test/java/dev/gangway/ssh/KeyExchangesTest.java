package dev.gangway.ssh;

import static dev.gangway.testsupport.OpenSshServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePublicKeyParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.testsupport.OpenSshServer;

/**
 * The key exchanges offered, against Debian's OpenSSH (9.2: sntrup761 is its post-quantum one) and,
 * for ML-KEM, which OpenSSH has only from 9.9 on, against MINA's server: the same post-quantum
 * protection as OpenSSH's client, with sntrup761's slow key made before the user asks.
 */
class KeyExchangesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String USER = System.getProperty("user.name");

    @TempDir
    static Path dir;
    static Path key;
    static OpenSshServer sshd;
    static SshConnector connector;

    @BeforeAll
    static void start() throws Exception {
        key = dir.resolve("id_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        sshd = OpenSshServer.start(dir.resolve("sshd"), List.of(Path.of(key + ".pub")));
        connector = new SshConnector();
    }

    @AfterAll
    static void stop() throws Exception {
        connector.close();
        sshd.close();
    }

    private static SshSession connect(OpenSshServer server, String name) throws Exception {
        SshTarget target = new SshTarget("127.0.0.1", server.port, USER);
        return connector.connect(target, KeyFiles.load(key, null),
                new HostKeyCheck(dir.resolve(name), (h, p, t, f) -> true, "127.0.0.1", server.port), TIMEOUT);
    }

    private static String echo(SshSession session) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        session.exec("echo kex-ok", new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream());
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void openSsh92AgreesOnSntrup761WithAKeyMadeBeforeTheUserAsked() throws Exception {
        SshConnector.prepare();
        KeyExchanges.awaitPrepared();
        int before = KeyExchanges.madeOnTheSpot();
        try (SshSession session = connect(sshd, "known_hosts_prepared")) {
            assertThat(session.keyExchange()).startsWith("sntrup761x25519-sha512");
            assertThat(echo(session)).isEqualTo("kex-ok");
        }
        assertThat(KeyExchanges.madeOnTheSpot()).as("the prepared key was used").isEqualTo(before);
        assertThat(KeyExchanges.prepared()).as("and not kept for another exchange").isFalse();

        // Nothing prepared: the exchange makes its own key, as MINA's would.
        try (SshSession session = connect(sshd, "known_hosts_on_the_spot")) {
            assertThat(session.keyExchange()).startsWith("sntrup761x25519-sha512");
            assertThat(echo(session)).isEqualTo("kex-ok");
        }
        assertThat(KeyExchanges.madeOnTheSpot()).isEqualTo(before + 1);
    }

    @Test
    void aKeyPairServesOneExchangeOnly() {
        SshConnector.prepare();
        byte[] first = ((SNTRUPrimePublicKeyParameters) KeyExchanges.take().getPublic()).getEncoded();
        SshConnector.prepare();
        byte[] second = ((SNTRUPrimePublicKeyParameters) KeyExchanges.take().getPublic()).getEncoded();
        byte[] third = ((SNTRUPrimePublicKeyParameters) KeyExchanges.take().getPublic()).getEncoded();
        assertThat(first).hasSize(1158).isNotEqualTo(second).isNotEqualTo(third);
        assertThat(second).isNotEqualTo(third);
    }

    /** Many hints at once (rows selected quickly, a command starting) make one key, not one each. */
    @Test
    void hintsAtOnceMakeOneKey() throws Exception {
        KeyExchanges.awaitPrepared();
        KeyExchanges.discard();
        int before = KeyExchanges.madeAhead();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    SshConnector.prepare();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        KeyExchanges.awaitPrepared();
        assertThat(KeyExchanges.madeAhead()).isEqualTo(before + 1);
        assertThat(KeyExchanges.prepared()).isTrue();
    }

    @Test
    void aServerWithoutPostQuantumExchangesGetsCurve25519() throws Exception {
        try (OpenSshServer classic = OpenSshServer.start(dir.resolve("sshd-classic"), List.of(Path.of(key + ".pub")),
                List.of("KexAlgorithms curve25519-sha256"));
             SshSession session = connect(classic, "known_hosts_classic")) {
            assertThat(session.keyExchange()).isEqualTo("curve25519-sha256");
            assertThat(echo(session)).isEqualTo("kex-ok");
        }
    }

    @Test
    void aServerOfferingMlKemGetsItFirst() throws Exception {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("mina-host-key")));
        server.setKeyExchangeFactories(List.of(ServerBuilder.DH2KEX.apply(BuiltinDHFactories.mlkem768x25519),
                ServerBuilder.DH2KEX.apply(BuiltinDHFactories.sntrup761x25519),
                ServerBuilder.DH2KEX.apply(BuiltinDHFactories.curve25519)));
        KeyPair identity = KeyFiles.load(key, null);
        server.setPublickeyAuthenticator((user, offered, session) -> KeyUtils.compareKeys(offered, identity.getPublic()));
        server.start();
        try {
            SshTarget target = new SshTarget("127.0.0.1", server.getPort(), "anyone");
            try (SshSession session = connector.connect(target, identity, new HostKeyCheck(
                    dir.resolve("known_hosts_mina"), (h, p, t, f) -> true, "127.0.0.1", server.getPort()), TIMEOUT)) {
                assertThat(session.keyExchange()).isEqualTo("mlkem768x25519-sha256");
            }
        } finally {
            server.stop(true);
        }
        assertThat(Files.readString(dir.resolve("known_hosts_mina"))).isNotBlank();
    }
}
