package dev.gangway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

import dev.gangway.sandbox.ssh.PtyShellCommand;
import dev.gangway.sandbox.ssh.PtyShellCommandTest;
import dev.gangway.testsupport.Processes;

/**
 * The sandbox's instances as real peers: OpenSSH's own ssh client logs in to them with the sandbox
 * key, their host key is the one GetConsoleOutput prints, and openssl decrypts their Windows password.
 */
class SandboxInstancesTest {

    @TempDir
    static Path data;
    static SandboxCloud sandbox;
    static Ec2Client ec2;
    static MutableClock clock = new MutableClock(Instant.now());

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(data).withClock(clock));
        ec2 = Ec2Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(sandbox.credentials()).build();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        sandbox.close();
    }

    @Test
    void keyPairFileIsPrivatePkcs1Pem() throws Exception {
        Path pem = sandbox.keyFile();
        assertThat(Files.readString(pem)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pem))).isEqualTo("rw-------");
        // EC2's fingerprint of a key pair it created: SHA-1 of the PKCS#8 DER private key.
        Run der = run(List.of("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", pem.toString(), "-outform", "DER",
                "-out", data.resolve("key.der").toString()));
        assertThat(der.code).isZero();
        Run sha1 = run(List.of("openssl", "dgst", "-sha1", "-c", data.resolve("key.der").toString()));
        assertThat(sha1.out).contains(sandbox.keyFingerprint());
    }

    @Test
    void openSshLogsInToARunningInstanceWithTheSandboxKeyAndTheConsoleHostKey() throws Exception {
        Instance web = byName("web-1");
        String port = tag(web, "gangway:ssh-port");
        assertThat(port).isNotBlank();
        String console = new String(Base64.getDecoder().decode(
                ec2.getConsoleOutput(r -> r.instanceId(web.instanceId())).output()), StandardCharsets.UTF_8);
        assertThat(console).contains("ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----")
                .contains("-----BEGIN SSH HOST KEY KEYS-----");
        String hostKey = console.lines().dropWhile(l -> !l.equals("-----BEGIN SSH HOST KEY KEYS-----")).skip(1)
                .findFirst().orElseThrow();
        // A known_hosts built only from the console output: strict checking must then succeed.
        Path knownHosts = data.resolve("known_hosts");
        String[] parts = hostKey.split(" ");
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
        Run ssh = run(List.of("ssh", "-i", sandbox.keyFile().toString(), "-p", port,
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10",
                "ec2-user@127.0.0.1", "echo $((6*7))"));
        assertThat(ssh.out.trim()).as(ssh.err).isEqualTo("42");
        assertThat(ssh.code).isZero();
        // The fingerprint line names the same key OpenSSH computes.
        Run fp = run(List.of("ssh-keygen", "-l", "-f", knownHosts.toString()));
        String sha256 = fp.out.split(" ")[1];
        assertThat(console).contains("ec2: 256 " + sha256 + " root@ip-172-31-10-11 (ECDSA)");
    }

    record Shell(String out, int status) {
    }

    /** OpenSSH's client with a terminal (-tt) into web-1's shell, {@code typed} as the user's input. */
    Shell shellOnWeb1(String typed) throws Exception {
        Instance web = byName("web-1");
        List<String> cmd = new ArrayList<>(sshCommand(tag(web, "gangway:ssh-port"), "ec2-user"));
        cmd.remove(cmd.size() - 1);
        cmd.add(1, "-tt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(typed.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        Processes.Ended ended = Processes.await(p, Duration.ofSeconds(60));
        return new Shell(ended.out(), ended.code());
    }

    @Test
    void interactiveShellHasARealPseudoTerminalWithPrompt() throws Exception {
        Shell shell = shellOnWeb1("tty; echo $((6*7)); exit 3\n");
        assertThat(shell.out()).contains("[ec2-user@ip-172-31-10-11").contains("/dev/pts/").contains("42");
        assertThat(shell.status()).isEqualTo(3);
    }

    /** The sandbox's key is handed over in memory: no shell or command it starts can read it from its environment. */
    @Test
    void theSandboxsKeyIsInNoEnvironmentOrCommandLineOfItsShellsAndCommands() throws Exception {
        String keyId = sandbox.accessKey().accessKeyId();
        String secret = sandbox.accessKey().secretAccessKey();
        Shell shell = shellOnWeb1("tr '\\0' '\\n' < /proc/$$/environ; echo; tr '\\0' ' ' < /proc/$$/cmdline; echo; "
                + "echo env-$((6*7))-read; exit\n");
        assertThat(shell.out()).contains("env-42-read").contains("HOME=").doesNotContain(keyId).doesNotContain(secret)
                // Nor any other secret of the starter's (surefire's stand-in, pom.xml).
                .doesNotContain("GANGWAY_TEST_CANARY");
        Instance web = byName("web-1");
        List<String> cmd = new ArrayList<>(sshCommand(tag(web, "gangway:ssh-port"), "ec2-user"));
        cmd.set(cmd.size() - 1, "cat /proc/$$/environ; echo; cat /proc/$$/cmdline");
        Run exec = run(cmd);
        assertThat(exec.code).as(exec.err).isZero();
        assertThat(exec.out).contains("HOME=").doesNotContain(keyId).doesNotContain(secret).doesNotContain("AWS_")
                .doesNotContain("GANGWAY_TEST_CANARY");
        // Nor does the process that runs the sandbox (here the test's JVM, as the window's is for its own).
        String own = Files.readString(Path.of("/proc/self/environ"), StandardCharsets.ISO_8859_1)
                + Files.readString(Path.of("/proc/self/cmdline"), StandardCharsets.ISO_8859_1);
        assertThat(own).doesNotContain(keyId).doesNotContain(secret);
    }

    /** pty4j would unpack its native library into a new /tmp/pty4j-* folder per JVM and leave it there. */
    @Test
    void aShellLeavesNoNativeLibraryFolderInTmp() throws Exception {
        List<String> before = PtyShellCommandTest.ptyFoldersInTmp();
        assertThat(shellOnWeb1("echo pty-$((6*7))-ok; exit\n").out()).contains("pty-42-ok");
        assertThat(PtyShellCommandTest.ptyFoldersInTmp()).isEqualTo(before);
        // pty4j loads its library once per JVM, maybe for an earlier test: what holds for every shell is
        // that the sandbox told it where the library is or goes before starting it.
        assertThat(System.getProperty(PtyShellCommand.UNPACK_FOLDER, System.getProperty(PtyShellCommand.PREFERRED_FOLDER)))
                .as("pty4j's folder, set before the shell started").isNotNull()
                .doesNotStartWith(Path.of(System.getProperty("java.io.tmpdir"), "pty4j-").toString());
    }

    @Test
    void theWrongUserOrAStoppedInstanceIsRefused() throws Exception {
        Instance ubuntu = byName("api-ubuntu");
        String port = tag(ubuntu, "gangway:ssh-port");
        Run wrongUser = run(sshCommand(port, "ec2-user"));
        assertThat(wrongUser.code).isNotZero();
        assertThat(wrongUser.err).contains("Permission denied");
        Run right = run(sshCommand(port, "ubuntu"));
        assertThat(right.out.trim()).isEqualTo("ok");

        Instance rhel = byName("rhel-batch");
        Run stopped = run(sshCommand(tag(rhel, "gangway:ssh-port"), "ec2-user"));
        assertThat(stopped.code).isNotZero();
    }

    @Test
    void windowsPasswordIsEmptyRightAfterLaunchThenDecryptsWithOpenssl() throws Exception {
        try (Ec2Client paris = Ec2Client.builder().endpointOverride(sandbox.endpoint()).region(Region.EU_WEST_3)
                .credentialsProvider(sandbox.credentials()).build()) {
            Instance win = paris.describeInstances(r -> r.filters(Filter.builder().name("tag:Name").values("win-paris")
                    .build())).reservations().get(0).instances().get(0);
            assertThat(paris.getPasswordData(r -> r.instanceId(win.instanceId())).passwordData()).isEmpty();
            clock.advance(Duration.ofMinutes(5));
            String encrypted = paris.getPasswordData(r -> r.instanceId(win.instanceId())).passwordData();
            assertThat(encrypted).isNotBlank();
            Path cipher = data.resolve("password.bin");
            Files.write(cipher, Base64.getDecoder().decode(encrypted.trim()));
            Run decrypt = run(List.of("openssl", "pkeyutl", "-decrypt", "-inkey", sandbox.keyFile().toString(),
                    "-pkeyopt", "rsa_padding_mode:pkcs1", "-in", cipher.toString()));
            assertThat(decrypt.code).as(decrypt.err).isZero();
            String expected = sandbox.world().machine(win.instanceId()).orElseThrow().windowsPassword();
            assertThat(decrypt.out).isEqualTo(expected);
        }
    }

    private List<String> sshCommand(String port, String user) {
        return List.of("ssh", "-i", sandbox.keyFile().toString(), "-p", port,
                "-o", "UserKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR",
                user + "@127.0.0.1", "echo ok");
    }

    private static Instance byName(String name) {
        return ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:Name").values(name).build()))
                .reservations().get(0).instances().get(0);
    }

    private static String tag(Instance i, String key) {
        return i.tags().stream().filter(t -> t.key().equals(key)).map(t -> t.value()).findFirst().orElse("");
    }

    record Run(int code, String out, String err) {
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Processes.Ended ended = Processes.run(new ProcessBuilder(new ArrayList<>(command)), Duration.ofSeconds(60));
        return new Run(ended.code(), ended.out(), ended.err());
    }
}
