package dev.gangway.ssh;

import static dev.gangway.testsupport.OpenSshServer.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.connect.HostKeyPrompt;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.testsupport.OpenSshServer;

/** The SSH client against Debian's OpenSSH sshd on 127.0.0.1, with keys made by ssh-keygen and openssl. */
class SshConnectorTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String USER = System.getProperty("user.name");

    @TempDir
    static Path dir;
    static Path ed25519;
    static Path rsaPem;
    static Path ecdsaWithPassphrase;
    static Path pkcs8Encrypted;
    static OpenSshServer sshd;
    static SshConnector connector;

    @BeforeAll
    static void start() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        ed25519 = keys.resolve("ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ed25519.toString());
        rsaPem = keys.resolve("rsa.pem");
        run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", rsaPem.toString());
        ecdsaWithPassphrase = keys.resolve("ecdsa");
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "open sesame", "-f", ecdsaWithPassphrase.toString());
        Path plain = keys.resolve("plain.pem");
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", plain.toString());
        pkcs8Encrypted = keys.resolve("pkcs8.pem");
        run("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(), "-out", pkcs8Encrypted.toString(),
                "-passout", "pass:s3cret");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-------"));
        Path pkcs8Public = keys.resolve("pkcs8.pem.pub");
        Files.writeString(pkcs8Public, run("ssh-keygen", "-y", "-f", plain.toString()));
        Files.delete(plain);
        List<Path> publicKeys = new ArrayList<>();
        for (Path k : List.of(ed25519, rsaPem, ecdsaWithPassphrase)) {
            publicKeys.add(Path.of(k + ".pub"));
        }
        publicKeys.add(pkcs8Public);
        sshd = OpenSshServer.start(dir.resolve("sshd"), publicKeys);
        connector = new SshConnector();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SshTarget target() {
        return new SshTarget("127.0.0.1", sshd.port, USER);
    }

    /** Small packets (a keystroke, the pty and shell requests) leave at once, as OpenSSH sends them. */
    @Test
    void nagleIsOffSoKeystrokesAreNotHeldForAnAck() throws Exception {
        try (SshSession s = connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(dir.resolve("known_hosts_nagle"), (h, p, t, fp) -> true, "127.0.0.1", sshd.port),
                TIMEOUT)) {
            org.apache.sshd.common.io.nio2.Nio2Session io =
                    (org.apache.sshd.common.io.nio2.Nio2Session) s.clientSession().getIoSession();
            assertThat(io.getSocket().getOption(java.net.StandardSocketOptions.TCP_NODELAY)).isTrue();
        }
    }

    /** known_hosts already holding the server's key, as after a first accepted connection. */
    private static Path trustedKnownHosts(String name) throws Exception {
        Path kh = dir.resolve(name);
        Files.deleteIfExists(kh);
        try (SshSession s = connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(kh, (h, p, t, fp) -> true, "127.0.0.1", sshd.port), TIMEOUT)) {
            assertThat(s.isOpen()).isTrue();
        }
        return kh;
    }

    private static String exec(SshSession s, String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = s.exec(command, out, err);
        return status + ":" + out.toString(StandardCharsets.UTF_8).trim();
    }

    /** A first connection on a machine with no ~/.ssh: made 0700, known_hosts 0600, as OpenSSH does. */
    @Test
    void aMissingSshFolderAndKnownHostsFileAreMadePrivateOnTheFirstAcceptedKey() throws Exception {
        Path ssh = dir.resolve("new-user-home").resolve(".ssh");
        Path kh = ssh.resolve("known_hosts");
        try (SshSession s = connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(kh, (h, p, t, fp) -> true, "127.0.0.1", sshd.port), TIMEOUT)) {
            assertThat(s.hostKeyTrustedBy()).isEqualTo("you");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kh)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(kh)).startsWith("|1|").contains("ssh-ed25519");
        // Remembered: the next connection is trusted by the file, without asking.
        try (SshSession s = connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(kh, (h, p, t, fp) -> false, "127.0.0.1", sshd.port), TIMEOUT)) {
            assertThat(s.hostKeyTrustedBy()).isEqualTo("known_hosts");
        }
    }

    /** OpenSSH's sshd as the peer: input is sent byte for byte and its end as EOF, so cat and wc end. */
    @Test
    void standardInputIsSentWithItsEndAsEofToOpenSsh() throws Exception {
        byte[] data = new byte[10 << 20];
        new Random(7).nextBytes(data);
        try (SshSession s = connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(trustedKnownHosts("known_hosts_stdin"), (h, p, t, fp) -> false, "127.0.0.1",
                        sshd.port), TIMEOUT)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(s.exec("cat", new ByteArrayInputStream(data), out, new ByteArrayOutputStream())).isZero();
            assertThat(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            out.reset();
            assertThat(s.exec("wc -c", new ByteArrayInputStream(data), out, new ByteArrayOutputStream())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo(Integer.toString(data.length));
        }
    }

    @Test
    void firstConnectionAsksShowingTheSha256FingerprintRemembersTheKeyAndOpenSshAcceptsTheEntry() throws Exception {
        Path kh = dir.resolve("known_hosts_first");
        List<String> asked = new ArrayList<>();
        HostKeyPrompt prompt = (host, port, type, fp) -> asked.add(host + " " + port + " " + type + " " + fp);
        String expected = run("ssh-keygen", "-l", "-E", "sha256", "-f", sshd.hostKey + ".pub").split(" ")[1];
        try (SshSession s = connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(kh, prompt, "127.0.0.1", sshd.port), TIMEOUT)) {
            assertThat(s.hostKeyTrustedBy()).isEqualTo("you");
            assertThat(exec(s, "echo $((6*7))")).isEqualTo("0:42");
            assertThat(exec(s, "echo oops >&2; exit 3")).isEqualTo("3:");
        }
        assertThat(asked).containsExactly("127.0.0.1 " + sshd.port + " ssh-ed25519 " + expected);

        // Written hashed, in OpenSSH's own format: ssh with strict checking accepts it.
        assertThat(Files.readString(kh)).startsWith("|1|");
        int status = OpenSshServer.status("ssh", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + kh,
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", ed25519.toString(), "-p", String.valueOf(sshd.port),
                USER + "@127.0.0.1", "true");
        assertThat(status).isZero();

        // The second time nothing is asked.
        try (SshSession s = connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(kh, (h, p, t, fp) -> {
                    throw new AssertionError("asked about a known key");
                }, "127.0.0.1", sshd.port), TIMEOUT)) {
            assertThat(s.hostKeyTrustedBy()).isEqualTo("known_hosts");
        }
    }

    @Test
    void aShellNobodyReadsHoldsAtMostItsWindowAndLosesNothingOnceReadAgain() throws Exception {
        Path kh = trustedKnownHosts("known_hosts_window");
        try (SshSession s = connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(kh, (h, p, t, fp) -> false, "127.0.0.1", sshd.port), TIMEOUT);
             ShellChannel shell = s.openShell(80, 24)) {
            int total = 4_000_000;
            shell.input().write(("stty -echo; head -c " + total + " /dev/zero | tr '\\0' '\\132'; echo; echo END-$((1+1))\n")
                    .getBytes(StandardCharsets.UTF_8));
            shell.input().flush();
            // A terminal that has not read yet (a busy tab): the server stops once the window is full.
            InputStream out = shell.output();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int seen = -1;
            long stableSince = System.nanoTime();
            while (seen < ShellChannel.WINDOW / 2 || System.nanoTime() - stableSince < 300_000_000L) {
                assertThat(System.nanoTime()).as("the shell's output never filled the window and stopped").isLessThan(deadline);
                int now = out.available();
                if (now != seen) {
                    seen = now;
                    stableSince = System.nanoTime();
                }
                LockSupport.parkNanos(1_000_000);
            }
            assertThat((long) seen).isLessThanOrEqualTo(ShellChannel.WINDOW);

            // Reading again lets the rest through, every byte of it.
            byte[] buf = new byte[65536];
            long zs = 0;
            StringBuilder tail = new StringBuilder();
            while (!tail.toString().contains("END-2")) {
                int n = out.read(buf);
                assertThat(n).as("the shell's output ended early").isPositive();
                for (int i = 0; i < n; i++) {
                    if (buf[i] == 'Z') {
                        zs++;
                    } else {
                        tail.append((char) buf[i]);
                    }
                }
            }
            assertThat(zs).isEqualTo(total);
        }
    }

    @Test
    void logsInWithRsaPemEncryptedPkcs8AndOpenSshKeysWithAPassphrase() throws Exception {
        Path kh = trustedKnownHosts("known_hosts_formats");
        KeyPair pem = KeyFiles.load(rsaPem, KeyFiles.PassphrasePrompt.NONE);
        KeyPair pkcs8 = KeyFiles.load(pkcs8Encrypted, (f, attempt) -> "s3cret".toCharArray());
        KeyPair ecdsa = KeyFiles.load(ecdsaWithPassphrase, (f, attempt) -> "open sesame".toCharArray());
        for (KeyPair key : List.of(pem, pkcs8, ecdsa)) {
            try (SshSession s = connector.connect(target(), key, new HostKeyCheck(kh, HostKeyPrompt.REFUSE, "127.0.0.1",
                    sshd.port), TIMEOUT)) {
                assertThat(exec(s, "whoami")).isEqualTo("0:" + USER);
            }
        }
    }

    @Test
    void aChangedHostKeyIsRefusedWithAWarningAndKnownHostsIsLeftAlone() throws Exception {
        Path other = dir.resolve("other_host_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        Path kh = dir.resolve("known_hosts_changed");
        String line = "[127.0.0.1]:" + sshd.port + " " + Files.readString(Path.of(other + ".pub")).trim() + "\n";
        Files.writeString(kh, line);
        HostKeyCheck check = new HostKeyCheck(kh, (h, p, t, fp) -> true, "127.0.0.1", sshd.port);

        assertThatThrownBy(() -> connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                check, TIMEOUT))
                .isInstanceOf(SshConnectException.class)
                .satisfies(e -> assertThat(((SshConnectException) e).reason()).isEqualTo(SshConnectException.Reason.HOST_KEY))
                .hasMessageContaining("has changed")
                .hasMessageContaining("man-in-the-middle")
                .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + sshd.port + "'");
        assertThat(Files.readString(kh)).isEqualTo(line);
    }

    @Test
    void theConsoleOutputVouchesForTheRightKeyAndRefusesAnother() throws Exception {
        String fp = run("ssh-keygen", "-l", "-E", "sha256", "-f", sshd.hostKey + ".pub").split(" ")[1];
        ConsoleHostKeys right = ConsoleHostKeys.parse("ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n"
                + "ec2: 256 " + fp + " root@ip-172-31-10-11 (ED25519)\nec2: -----END SSH HOST KEY FINGERPRINTS-----\n");
        Path kh = dir.resolve("known_hosts_console");
        HostKeyPrompt never = (h, p, t, f) -> {
            throw new AssertionError("asked although the console vouches for the key");
        };
        try (SshSession s = connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(kh, never, "127.0.0.1", sshd.port, right), TIMEOUT)) {
            assertThat(s.hostKeyTrustedBy()).isEqualTo("the instance's console output");
        }
        assertThat(Files.readString(kh)).startsWith("|1|");

        Path other = dir.resolve("console_other_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        String otherFp = run("ssh-keygen", "-l", "-E", "sha256", "-f", other + ".pub").split(" ")[1];
        ConsoleHostKeys wrong = ConsoleHostKeys.parse("ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n"
                + "ec2: 256 " + otherFp + " root@ip (ED25519)\nec2: -----END SSH HOST KEY FINGERPRINTS-----\n");
        Path fresh = dir.resolve("known_hosts_console_wrong");
        assertThatThrownBy(() -> connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(fresh, (h, p, t, f) -> true, "127.0.0.1", sshd.port, wrong), TIMEOUT))
                .isInstanceOf(SshConnectException.class)
                .hasMessageContaining("is not one of the keys the instance printed to its console output")
                .hasMessageContaining("man-in-the-middle");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void anUnknownKeyNobodyAcceptsIsRefusedAndNothingIsWritten() throws Exception {
        Path kh = dir.resolve("known_hosts_refused");
        assertThatThrownBy(() -> connector.connect(target(), KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(kh, HostKeyPrompt.REFUSE, "127.0.0.1", sshd.port), TIMEOUT))
                .isInstanceOf(SshConnectException.class)
                .hasMessageContaining("is not in " + kh)
                .hasMessageContaining("SHA256:");
        assertThat(kh).doesNotExist();
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefusedWithAHintAboutUserAndKeyPair() throws Exception {
        Path kh = trustedKnownHosts("known_hosts_auth");
        Path stranger = dir.resolve("stranger");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString());
        assertThatThrownBy(() -> connector.connect(target(), KeyFiles.load(stranger, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(kh, HostKeyPrompt.REFUSE, "127.0.0.1", sshd.port), TIMEOUT))
                .isInstanceOf(SshConnectException.class)
                .satisfies(e -> assertThat(((SshConnectException) e).reason())
                        .isEqualTo(SshConnectException.Reason.AUTHENTICATION))
                .hasMessageContaining("did not accept the key SHA256:")
                .hasMessageContaining("ec2-user");
    }

    @Test
    void aClosedPortSaysWhatToCheck() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> connector.connect(new SshTarget("127.0.0.1", closed, USER),
                KeyFiles.load(ed25519, KeyFiles.PassphrasePrompt.NONE),
                new HostKeyCheck(dir.resolve("kh_closed"), HostKeyPrompt.REFUSE, "127.0.0.1", closed), TIMEOUT))
                .isInstanceOf(SshConnectException.class)
                .satisfies(e -> assertThat(((SshConnectException) e).reason())
                        .isEqualTo(SshConnectException.Reason.UNREACHABLE))
                .hasMessageContaining("connection was refused")
                .hasMessageContaining("security group allows that port");
    }
    /** A name that does not resolve says so and what to do (the sandbox no longer lets one be dialled). */
    @Test
    void aNameThatDoesNotResolveSaysSo() {
        SshConnectException e = SshConnector.unreachable(new SshTarget("ec2-203-0-113-41.example.invalid", 22, "ec2-user"),
                new java.io.IOException(new java.net.UnknownHostException("ec2-203-0-113-41.example.invalid")));
        assertThat(e.getMessage()).isEqualTo("The name ec2-203-0-113-41.example.invalid does not resolve. Check the "
                + "address, or connect by IP.");
    }
}
