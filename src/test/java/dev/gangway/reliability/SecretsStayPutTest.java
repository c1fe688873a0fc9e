package dev.gangway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.SandboxKms;
import dev.gangway.testsupport.LockedKeys;
import dev.gangway.testsupport.Processes;
import dev.gangway.testsupport.SandboxInstances;
import dev.gangway.testsupport.TypedRun;

/**
 * Known secrets through the command line's gestures, then a search for them where they must not be:
 * the AWS secret key (in the user's AWS config file, as a user keeps it), the Windows password
 * Gangway decrypts, and every Session Manager token the sandbox issued. After listing, SSH, a
 * Session Manager command, the Windows password, Remote Desktop's plan and the doctor (most with
 * {@code --verbose}, so every log line is printed too), none of them is in any output, log,
 * setting, cache or data file, nor in a temporary file Gangway left; the password is printed once,
 * where it was asked for.
 */
class SecretsStayPutTest {

    @TempDir
    static Path dir;
    static SandboxCloud sandbox;
    static final Set<String> TOKENS = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox")));
        sandbox.world().whenSsmSessionStarted(s -> TOKENS.add(s.tokenValue()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void noSecretIsPrintedLoggedOrLeftInAFile() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path profile = sandbox.writeProfile();
        String key = sandbox.keyFile().toString();
        String password = SandboxInstances.machine(sandbox, "win-app").windowsPassword();
        List<Path> tmpBefore = gangwayTemporaryFiles();

        List<Processes.Ended> said = new ArrayList<>();
        said.add(gangway(home, profile, "list", "--verbose"));
        said.add(gangway(home, profile, "ssh", "web-1", "--key", key, "--verbose", "--", "true"));
        said.add(gangway(home, profile, "ssm", "web-1", "--verbose", "--", "echo", "over-ssm"));
        Processes.Ended shown = gangway(home, profile, "password", "win-app", "--key", key, "--show");
        said.add(gangway(home, profile, "rdp", "win-app", "--key", key, "--dry-run"));
        // The doctor finds the key pair's .pem where a user keeps it, and dials web-1 (on loopback) for real.
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.copy(sandbox.keyFile(), ssh.resolve("gangway-sandbox.pem"));
        Files.setPosixFilePermissions(ssh.resolve("gangway-sandbox.pem"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        said.add(gangway(home, profile, "doctor", "web-1", "--verbose"));
        said.forEach(e -> assertThat(e.code()).as(e.out() + e.err()).isZero());
        assertThat(said.get(2).out()).contains("over-ssm");
        // Asked for, the password is printed: once, on standard output, nowhere else.
        assertThat(shown.code()).as(shown.err()).isZero();
        assertThat(shown.out()).contains(password);
        assertThat(shown.err()).doesNotContain(password);
        assertThat(TOKENS).as("the Session Manager tokens issued").isNotEmpty();

        List<String> secrets = new ArrayList<>(TOKENS);
        secrets.add(sandbox.accessKey().secretAccessKey());
        secrets.add(password);
        for (Processes.Ended e : said) {
            for (String s : secrets) {
                assertThat(e.out() + e.err()).as("output").doesNotContain(s);
            }
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(home)) {
            files = new ArrayList<>(all.filter(Files::isRegularFile).toList());
        }
        assertThat(files).as("Gangway's files: its log among them").anyMatch(f -> f.toString().endsWith(".log"));
        List<Path> tmpAfter = gangwayTemporaryFiles();
        tmpAfter.removeAll(tmpBefore);
        assertThat(tmpAfter).as("temporary files left behind").isEmpty();
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String s : secrets) {
                assertThat(text).as(f.toString()).doesNotContain(s);
            }
        }
    }

    /**
     * The secrets a user types or Gangway is handed mid-session: a key's passphrase (typed at the
     * prompt in a real terminal), the data key of a KMS-encrypted Session Manager session, and the
     * Windows password given to the Remote Desktop client. None is in any output or file, and none
     * is in the command line or the environment of the process Gangway started (read from
     * {@code /proc} by that process itself: a stand-in FreeRDP on the PATH), which gets the
     * password on its standard input only and no AWS credential at all.
     */
    @Test
    void aPassphraseADataKeyAndAPasswordHandedOnAreNowhereElse(@TempDir Path seen) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-2"));
        Path profile = sandbox.writeProfile();
        String passphrase = "pp-" + UUID.randomUUID();
        Path locked = LockedKeys.lockedCopy(sandbox.keyFile(), home.resolve("locked.pem"), passphrase);
        List<byte[]> dataKeys = new CopyOnWriteArrayList<>();
        sandbox.world().kms("us-east-1").whenDataKeyIssued(dataKeys::add);
        sandbox.world().encryptSessions(SandboxKms.SESSION_KEY_ALIAS);
        Path standIns = Files.createDirectories(home.resolve("bin"));
        Path freeRdp = Files.writeString(standIns.resolve("xfreerdp"), "#!/bin/sh\n"
                + "tr '\\0' '\\n' < /proc/$$/cmdline > '" + seen.resolve("cmdline") + "'\n"
                + "tr '\\0' '\\n' < /proc/$$/environ > '" + seen.resolve("environ") + "'\n"
                + "head -c 200 > '" + seen.resolve("stdin") + "'\n"
                + "cp \"$1\" '" + seen.resolve("given.rdp") + "'\n"
                + "sleep 5\n");
        Files.setPosixFilePermissions(freeRdp, PosixFilePermissions.fromString("rwx------"));
        String password = SandboxInstances.machine(sandbox, "win-app").windowsPassword();

        List<Processes.Ended> said = new ArrayList<>();
        try {
            said.add(typed(home, profile, passphrase, "ssh", "web-1", "--key", locked.toString(), "--verbose", "--",
                    "true"));
            said.add(gangway(home, profile, "ssm", "web-1", "--verbose", "--", "echo", "over-kms"));
            said.add(gangway(home, profile, Map.of("PATH", standIns + ":/usr/bin:/bin"), "rdp", "win-app", "--key",
                    sandbox.keyFile().toString(), "--client", "FreeRDP", "--verbose"));
        } finally {
            sandbox.world().encryptSessions(null);
            sandbox.world().kms("us-east-1").whenDataKeyIssued(null);
        }
        said.forEach(e -> assertThat(e.code()).as(e.out() + e.err()).isZero());
        assertThat(said.get(0).out()).contains("Passphrase for");
        assertThat(said.get(1).out()).contains("over-kms");
        assertThat(dataKeys).as("the encrypted session's data keys").isNotEmpty();
        assertThat(Files.readString(seen.resolve("stdin"))).isEqualTo(password + "\n");
        String cmdline = Files.readString(seen.resolve("cmdline"));
        String environ = Files.readString(seen.resolve("environ"));
        assertThat(cmdline).contains(".rdp").contains("/from-stdin");
        assertThat(environ).contains("PATH=").doesNotContain("AWS_");
        String rdp = new String(Files.readAllBytes(seen.resolve("given.rdp")), StandardCharsets.UTF_16LE);
        assertThat(rdp).as("the .rdp file the client was given").contains("username:s:Administrator")
                .doesNotContain(password);

        List<String> secrets = new ArrayList<>(List.of(passphrase, password, sandbox.accessKey().secretAccessKey()));
        secrets.addAll(dataKeyForms(dataKeys));
        for (String s : secrets) {
            assertThat(cmdline).as("the client's command line").doesNotContain(s);
            assertThat(environ).as("the client's environment").doesNotContain(s);
            for (Processes.Ended e : said) {
                assertThat(e.out() + e.err()).as("output").doesNotContain(s);
            }
        }
        try (Stream<Path> all = Files.walk(home)) {
            for (Path f : all.filter(Files::isRegularFile).filter(f -> !f.equals(locked)).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String s : secrets) {
                    assertThat(text).as(f.toString()).doesNotContain(s);
                }
            }
        }
    }

    /**
     * How a leaked data key could look: each key and each of its halves (the session's two
     * directions) as raw bytes, hex and base64.
     */
    static List<String> dataKeyForms(List<byte[]> keys) {
        List<String> forms = new ArrayList<>();
        for (byte[] k : keys) {
            for (byte[] part : List.of(k, Arrays.copyOfRange(k, 0, k.length / 2), Arrays.copyOfRange(k, k.length / 2, k.length))) {
                forms.add(Base64.getEncoder().encodeToString(part));
                forms.add(HexFormat.of().formatHex(part));
                forms.add(new String(part, StandardCharsets.ISO_8859_1));
            }
        }
        return forms;
    }

    /** gangway in a terminal of its own (util-linux's script), the passphrase typed once its prompt shows. */
    static Processes.Ended typed(Path home, Path awsConfig, String passphrase, String... args) throws Exception {
        return TypedRun.run(command(home, awsConfig, Map.of(), args), "Passphrase for", passphrase, 1,
                Duration.ofSeconds(90));
    }

    /** What Gangway keeps in the temporary folder (.rdp folders, pty4j's library): named gangway-*. */
    static List<Path> gangwayTemporaryFiles() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new ArrayList<>(tmp.filter(p -> p.getFileName().toString().startsWith("gangway-")).toList());
        }
    }

    /** gangway as a user runs it: its own JVM and home, the AWS keys in the AWS config file, standard input closed. */
    static Processes.Ended gangway(Path home, Path awsConfig, String... args) throws Exception {
        return gangway(home, awsConfig, Map.of(), args);
    }

    static Processes.Ended gangway(Path home, Path awsConfig, Map<String, String> extraEnv, String... args)
            throws Exception {
        return Processes.run(command(home, awsConfig, extraEnv, args), Duration.ofSeconds(90));
    }

    static ProcessBuilder command(Path home, Path awsConfig, Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.home=" + home, "-cp",
                System.getProperty("java.class.path"), "dev.gangway.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("GANGWAY"));
        env.put("HOME", home.toString());
        env.put("GANGWAY_HOME", home.resolve("gangway").toString());
        env.put("GANGWAY_PUBLIC_IP", "127.0.0.1");
        env.put("AWS_CONFIG_FILE", awsConfig.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
        env.put("AWS_PROFILE", SandboxCloud.PROFILE);
        env.putAll(extraEnv);
        return pb;
    }
}
