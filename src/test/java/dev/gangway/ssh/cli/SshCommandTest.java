package dev.gangway.ssh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import dev.gangway.app.GangwayCommand;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.settings.Settings;
import dev.gangway.settings.SettingsStore;

/** {@code gangway ssh} against the sandbox: its instances, key pair, console output and real SSH servers. */
class SshCommandTest {

    @TempDir
    Path home;
    Path knownHosts;
    final StringWriter err = new StringWriter();
    final ByteArrayOutputStream remoteOut = new ByteArrayOutputStream();
    final ByteArrayOutputStream remoteErr = new ByteArrayOutputStream();

    @BeforeEach
    void isolate() {
        System.setProperty("gangway.home", home.toString());
        knownHosts = home.resolve("known_hosts");
    }

    /** The next test class must not inherit this one's (deleted) home folder. */
    @AfterEach
    void restore() {
        System.clearProperty("gangway.home");
    }

    int run(String... args) {
        // Never the test JVM's own stdin: Surefire talks to its fork through it.
        return run(InputStream.nullInputStream(), args);
    }

    int run(InputStream stdin, String... args) {
        CommandLine cl = GangwayCommand.commandLine(options -> 0, "ssh");
        SshCommand ssh = (SshCommand) cl.getSubcommands().get("ssh").getCommand();
        ssh.remoteIn = stdin;
        ssh.remoteStreams(new PrintStream(remoteOut, true), new PrintStream(remoteErr, true));
        ssh.console = null;
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        all[0] = "ssh";
        all[1] = "--sandbox";
        all[2] = "--known-hosts";
        all[3] = knownHosts.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return cl.execute(all);
    }

    String out() {
        return remoteOut.toString(StandardCharsets.UTF_8);
    }

    /**
     * An instance not found is said with the listing of where it was looked for, and that listing
     * works as printed (issue 27: a bare `gangway list` listed AWS, not the sandbox, in another region).
     */
    @Test
    void anInstanceNotFoundSuggestsAListingThatWorks() {
        assertThat(run("nope", "-r", "eu-west-3", "--", "true")).isEqualTo(1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(gangway list[^`]*)` shows what there is")
                .matcher(err.toString());
        assertThat(m.find()).as(err.toString()).isTrue();
        assertThat(m.group(1)).isEqualTo("gangway list --sandbox --region eu-west-3");
        CommandLine list = GangwayCommand.commandLine(options -> 0, "list");
        StringWriter listed = new StringWriter();
        list.setOut(new PrintWriter(listed, true));
        list.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(list.execute(m.group(1).substring("gangway ".length()).split(" "))).isZero();
        assertThat(listed.toString()).contains("win-paris");
        err.getBuffer().setLength(0);
        assertThat(run("nope", "--", "true")).isEqualTo(1);
        assertThat(err.toString()).contains("in any enabled region. `gangway list --sandbox --all-regions` shows");
    }

    @Test
    void runsACommandAsTheAmisUserWithTheKeyPairsPemAndAHostKeyFromTheConsoleOutput() throws Exception {
        assertThat(run("web-1", "--", "echo", "$((6*7))", "$(whoami)@ok")).as(err.toString()).isZero();
        assertThat(out()).startsWith("42 ");
        assertThat(out().trim()).endsWith("@ok");
        // Vouched for by the console output, so remembered without asking (there is no terminal to ask on).
        assertThat(Files.readString(knownHosts)).startsWith("|1|");
        assertThat(err.toString()).isEmpty();

        remoteOut.reset();
        assertThat(run("web-1", "--", "echo err >&2; exit 7")).isEqualTo(7);
        assertThat(remoteErr.toString(StandardCharsets.UTF_8)).contains("err");
    }

    /** {@code --via ssm}: SSH carried by AWS-StartSSHSession to db-debian, whose port 22 is closed to the user. */
    @Test
    void viaSessionManagerReachesAnInstanceWhosePortIsClosed() throws Exception {
        assertThat(run("--via", "ssm", "db-debian", "--", "echo", "via-ssm-$((6*7))")).as(err.toString()).isZero();
        assertThat(out()).isEqualTo("via-ssm-42\n");
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
        assertThat(run("--via", "carrier-pigeon", "db-debian", "--", "true")).isEqualTo(2);
        assertThat(err.toString()).contains("'carrier-pigeon' is not a route: give ssm");
        // A managed node goes over Session Manager by itself, but SSH still needs a key it has none of.
        assertThat(run("on-prem-build", "--", "true")).isEqualTo(1);
        assertThat(err.toString()).contains("is a managed node outside EC2, with no EC2 key pair to log in with "
                + "(a Session Manager shell needs none). Give it with --key (or -i).");
        // An instance with no agent online cannot be reached that way, and says what to check.
        assertThat(run("--via", "ssm", "ipv6-only", "--", "true")).isEqualTo(1);
        assertThat(err.toString()).contains("ipv6-only").contains("has no Session Manager agent online");
    }

    /**
     * {@code --via eice}: SSH through the Instance Connect Endpoint in db-debian's subnet to its private
     * address; its host key is checked and kept under the instance's id (hashed), as for Session Manager.
     */
    @Test
    void viaInstanceConnectEndpointReachesAPrivateOnlyInstance() throws Exception {
        assertThat(run("--via", "eice", "db-debian", "--", "echo", "via-eice-$((6*7))")).as(err.toString()).isZero();
        assertThat(out()).isEqualTo("via-eice-42\n");
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
        // Paris has no endpoint: said, with the way that would work.
        assertThat(run("--via", "eice", "ipv6-only", "--", "true")).isEqualTo(255);
        assertThat(err.toString()).contains("ipv6-only").contains("has no Instance Connect Endpoint in its VPC")
                .doesNotContain("X-Amz");
    }

    /** As OpenSSH's ssh: standard input reaches the remote command, and its end is sent as EOF. */
    @Test
    @org.junit.jupiter.api.Timeout(120) // without the EOF, cat waits forever
    void standardInputReachesTheRemoteCommandAndItsEndEndsIt() throws Exception {
        byte[] piped = "piped\nsecond line\n".getBytes(StandardCharsets.UTF_8);
        assertThat(run(new ByteArrayInputStream(piped), "web-1", "--", "cat")).as(err.toString()).isZero();
        assertThat(out()).isEqualTo("piped\nsecond line\n");
        remoteOut.reset();
        assertThat(run(new ByteArrayInputStream(piped), "web-1", "--", "head", "-1")).isZero();
        assertThat(out()).isEqualTo("piped\n");
        remoteOut.reset();
        assertThat(run(new ByteArrayInputStream(piped), "web-1", "--", "wc", "-c")).isZero();
        assertThat(out().trim()).isEqualTo("18");
        remoteOut.reset();
        assertThat(run(InputStream.nullInputStream(), "web-1", "--", "cat")).isZero();
        assertThat(out()).isEmpty();
    }

    /** 10 MB of random bytes through `-- cat` come back the same, in a real process fed from a file. */
    @Test
    void tenMegabytesOfBinaryInputComeBackUnchangedThroughCat() throws Exception {
        byte[] data = new byte[10 << 20];
        new Random(23).nextBytes(data);
        Path input = Files.write(home.resolve("random.bin"), data);
        Path output = home.resolve("echoed.bin");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "dev.gangway.app.Main", "ssh", "--sandbox", "--known-hosts", knownHosts.toString(), "web-1", "--", "cat")
                .redirectInput(input.toFile()).redirectOutput(output.toFile())
                .redirectError(home.resolve("stderr.txt").toFile());
        pb.environment().put("GANGWAY_HOME", home.toString());
        Process p = pb.start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("gangway ssh -- cat ended").isTrue();
            assertThat(p.exitValue()).as(Files.readString(home.resolve("stderr.txt"))).isZero();
            assertThat(Files.size(output)).isEqualTo(data.length);
            assertThat(sha256(Files.readAllBytes(output))).isEqualTo(sha256(data));
            // Nothing at all from a library on the console (MINA's or pty4j's log lines).
            assertThat(Files.readString(home.resolve("stderr.txt"))).isEmpty();
        } finally {
            p.destroyForcibly();
        }
        // Input from /dev/null ends at once.
        Process empty = new ProcessBuilder(pb.command()).redirectInput(new File("/dev/null"))
                .redirectOutput(output.toFile()).redirectError(home.resolve("stderr.txt").toFile()).start();
        try {
            assertThat(empty.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(empty.exitValue()).isZero();
            assertThat(Files.size(output)).isZero();
        } finally {
            empty.destroyForcibly();
        }
    }

    /**
     * A new user's first `gangway ssh` (no ~/.ssh yet) against an AWS profile: the console shows the
     * command's output and nothing of MINA's (its log lines go to the log file unless --verbose), and
     * the host key is remembered in a ~/.ssh (0700) and known_hosts (0600) made as OpenSSH makes them.
     */
    @Test
    void aNewUsersFirstSshPrintsNoLibraryLinesAndMakesAPrivateSshFolder(@TempDir Path userHome) throws Exception {
        try (SandboxCloud cloud = SandboxCloud.start(
                SandboxOptions.defaults(home.resolve("sandbox")))) {
            Path profile = cloud.writeProfile();
            Path stderr = home.resolve("stderr.txt");
            Process p = gangwayProcess(userHome, profile, stderr, "ssh", "--key", cloud.keyFile().toString(), "web-1",
                    "--", "echo", "hi");
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
            assertThat(p.exitValue()).isZero();
            assertThat(Files.readString(stderr)).isEmpty();
            Path ssh = userHome.resolve(".ssh");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh)))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(ssh.resolve("known_hosts")))).isEqualTo("rw-------");
            assertThat(Files.readString(ssh.resolve("known_hosts"))).startsWith("|1|");
            // The library's lines are in the log file (0700 folder) ...
            Path logs = home.resolve("data").resolve("logs");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)))
                    .isEqualTo("rwx------");
            assertThat(Files.readString(logs.resolve("gangway-0.log"))).contains("org.apache.sshd");
            // ... and on the console with --verbose.
            Process verbose = gangwayProcess(userHome, profile, stderr, "ssh", "--verbose", "--key",
                    cloud.keyFile().toString(), "web-1", "--", "true");
            assertThat(verbose.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(verbose.exitValue()).isZero();
            assertThat(Files.readString(stderr)).contains("org.apache.sshd");
        }
    }

    /** The sandbox stops during a command: 255, and a sentence saying so (issue 27: nothing was said). */
    @Test
    void aServerThatGoesAwayDuringACommandIsSaid(@TempDir Path userHome) throws Exception {
        Path stderr = home.resolve("stderr-gone.txt");
        Process p;
        try (SandboxCloud cloud = SandboxCloud.start(SandboxOptions.defaults(home.resolve("sandbox")))) {
            Path profile = cloud.writeProfile();
            p = gangwayProcess(userHome, profile, stderr, "ssh", "--key", cloud.keyFile().toString(), "web-1",
                    "--", "echo started; sleep 60");
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as(() -> read(stderr)).isEqualTo("started");
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(255);
        assertThat(read(stderr)).isEqualTo("gangway: the connection to web-1 (i-f8600f6c7efda2c87) closed before the command "
                + "ended: the instance or its SSH server stopped, or the network dropped.\n");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private Process gangwayProcess(Path userHome, Path awsConfig, Path stderr, String... args) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Duser.home=" + userHome, "-cp",
                System.getProperty("java.class.path"), "dev.gangway.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectError(stderr.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("HOME", userHome.toString());
        pb.environment().put("GANGWAY_HOME", home.toString());
        pb.environment().put("AWS_CONFIG_FILE", awsConfig.toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        pb.environment().put("AWS_PROFILE", "sandbox");
        return pb.start();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void saysWhyAnInstanceCannotBeUsed() {
        assertThat(run("rhel-batch", "--", "true")).isEqualTo(1);
        assertThat(err.toString()).contains("rhel-batch").contains("is stopped: start it first (gangway start).");
        err.getBuffer().setLength(0);
        assertThat(run("win-app", "--", "dir")).isEqualTo(1);
        assertThat(err.toString()).contains("is a Windows instance");
        err.getBuffer().setLength(0);
        assertThat(run("no-such-box", "--", "true")).isEqualTo(1);
        assertThat(err.toString()).contains("no instance with id or Name 'no-such-box'");
        err.getBuffer().setLength(0);
        // Its public DNS name (under .invalid) is one the sandbox made up: never looked up or dialled.
        assertThat(run("closed-box", "--", "true")).isEqualTo(1);
        assertThat(err.toString()).contains("is one the sandbox made up: in the sandbox Gangway dials only 127.0.0.1");
        err.getBuffer().setLength(0);
        assertThat(run("web-1")).isEqualTo(2);
        assertThat(err.toString()).contains("no terminal here for an interactive session").contains("-- uptime");
    }

    @Test
    void instanceConnectLogsInWithAOneTimeKeyAndNoPem() throws Exception {
        // A --key that does not exist proves the key pair's file is not used.
        assertThat(run("web-1", "--instance-connect", "--key", home.resolve("missing.pem").toString(), "--",
                "echo", "pushed")).as(err.toString()).isZero();
        assertThat(out().trim()).isEqualTo("pushed");
    }

    @Test
    void aWrongUserIsRefusedWithAHintAndTheConnectionStatus() {
        assertThat(run("web-1", "--user", "root", "--", "true")).isEqualTo(255);
        assertThat(err.toString()).contains("did not accept the key").contains("Check the user name");
    }

    @Test
    void whatWasSetForAnInstanceInTheWindowIsUsedAndOptionsGoOverIt() throws Exception {
        // sydney-web runs a company AMI whose name does not say the user: without a terminal to ask, refused.
        assertThat(run("sydney-web", "--", "whoami")).isEqualTo(1);
        assertThat(err.toString()).contains("Cannot tell the login user").contains("acme-golden-base").contains("Give it with --user (or -l).");
        err.getBuffer().setLength(0);

        // The user set in the window's login settings.
        String id = idOf("sydney-web");
        saveSettings(Settings.defaults().withLogin(id, new Settings.InstanceLogin("deploy", null, false, null)));
        assertThat(run("sydney-web", "--", "echo", "as-set")).as(err.toString()).isZero();
        assertThat(out().trim()).isEqualTo("as-set");

        // An option goes over it.
        assertThat(run("sydney-web", "--user", "root", "--", "true")).isEqualTo(255);
        assertThat(err.toString()).contains("root@");
        err.getBuffer().setLength(0);

        // A port set for the instance is used: nothing listens on it.
        try (ServerSocket closed = new ServerSocket(0)) {
            int port = closed.getLocalPort();
            closed.close();
            saveSettings(Settings.defaults().withLogin(id, new Settings.InstanceLogin("deploy", port, false, null)));
            assertThat(run("sydney-web", "--", "true")).isEqualTo(255);
            assertThat(err.toString()).contains("port " + port).contains("refused");
        }
    }

    @Test
    void aRememberedKeyFileIsUsedAndForgottenWhenItHasGone() throws Exception {
        // A remembered file that is not a key: used, so the login is refused naming it.
        Path notAKey = Files.writeString(home.resolve("prod-copy.pem"), "not a key\n");
        String keyName = keyNameOf("web-1");
        saveSettings(Settings.defaults().withKeyFile(keyName, notAKey.toString()));
        assertThat(run("web-1", "--", "true")).isEqualTo(1);
        assertThat(err.toString()).contains("prod-copy.pem");
        err.getBuffer().setLength(0);

        // Once the file has gone, the key folders are searched again.
        Files.delete(notAKey);
        assertThat(run("web-1", "--", "echo", "found")).as(err.toString()).isZero();
        assertThat(out().trim()).isEqualTo("found");
    }

    @Test
    void withoutACommandItIsAnInteractiveShellInThisTerminal() throws Exception {
        // A real terminal: util-linux's `script` gives the process a pty, as a user's terminal would.
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String gangway = javaBin + " -cp " + System.getProperty("java.class.path") + " dev.gangway.app.Main ssh --sandbox"
                + " --known-hosts " + knownHosts + " web-1";
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", gangway, "/dev/null").redirectErrorStream(true);
        pb.environment().put("GANGWAY_HOME", home.toString());
        pb.environment().put("TERM", "xterm-256color");
        Process p = pb.start();
        StringBuffer screen = new StringBuffer();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            int n;
            try {
                while ((n = p.getInputStream().read(buf)) > 0) {
                    screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        try {
            awaitText(screen, "ec2-user@", p);
            p.getOutputStream().write("echo $((6*7))\r".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            awaitText(screen, "42\n", p);
            p.getOutputStream().write("exit 5\r".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(screen.toString()).isTrue();
            assertThat(p.exitValue()).as(screen.toString()).isEqualTo(5);
        } finally {
            p.destroyForcibly();
        }
    }

    /** Waits until {@code text} has appeared in what the process printed (its \r\n become \n). */
    private static void awaitText(StringBuffer screen, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!screen.toString().replace("\r", "").contains(text)) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                throw new AssertionError("no '" + text + "' in:\n" + screen);
            }
            p.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    private void saveSettings(Settings settings) throws Exception {
        try (SettingsStore store = new SettingsStore(home.resolve("config"))) {
            store.save(settings);
        }
    }

    private JsonNode listed(String name) throws Exception {
        StringWriter listed = new StringWriter();
        CommandLine cl = GangwayCommand.commandLine(options -> 0, "list");
        cl.setOut(new PrintWriter(listed, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("list", "--sandbox", "--all-regions", "--json", "--filter", name)).isZero();
        for (JsonNode i : new ObjectMapper().readTree(listed.toString()).get("instances")) {
            if (name.equals(i.get("name").asText())) {
                return i;
            }
        }
        throw new AssertionError(name + " not listed: " + listed);
    }

    private String idOf(String name) throws Exception {
        return listed(name).get("id").asText();
    }

    private String keyNameOf(String name) throws Exception {
        return listed(name).get("keyName").asText();
    }
}
