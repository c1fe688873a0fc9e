package dev.gangway.reliability;

import static dev.gangway.reliability.CliCases.check;
import static dev.gangway.reliability.CliCases.of;
import static dev.gangway.reliability.CliCases.withEnv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.reliability.CliCases.Case;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Fault;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.testsupport.OpenSshServer;
import dev.gangway.testsupport.Processes;

/**
 * The catalogue of bad inputs (README, "Bad inputs"): each a {@code gangway} command as a user runs
 * it (a process of its own, pointed at a sandbox as at AWS, with a home folder of its own), the exact
 * words it must say, its exit status, and nothing lost: no stack trace or library log line, the
 * user's settings and known_hosts as they were ({@link CliCases}). What the account or the disk
 * holds is {@link OddAccountTest}'s part.
 */
@Execution(ExecutionMode.SAME_THREAD)
class BadInputsTest {

    @TempDir
    static Path dir;
    static SandboxCloud sandbox;
    static Path keys;

    @BeforeAll
    static void start() throws Exception {
        // Its vectors are made at test time with OpenSSH's and OpenSSL 3's own tools (.ci/run installs both).
        assumeTrue(Processes.run(new ProcessBuilder("openssl", "version"), Duration.ofSeconds(30)).out()
                .startsWith("OpenSSL 3"), "OpenSSL 3 is not installed here");
        sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox")));
        keys = Files.createDirectories(dir.resolve("keys"));
        Path good = sandbox.keyFile();
        String pem = Files.readString(good);
        write("truncated.pem", pem.substring(0, pem.length() / 2));
        write("garbled.pem", "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbCwganVzdCB3b3Jkcw==\n"
                + "-----END RSA PRIVATE KEY-----\n");
        byte[] noise = new byte[1200];
        new Random(42).nextBytes(noise);
        Files.write(keys.resolve("random.bin"), noise);
        write("empty.pem", "");
        Files.createDirectories(keys.resolve("a-directory"));
        OpenSshServer.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("ed25519").toString());
        OpenSshServer.run("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "s3cret", "-f",
                keys.resolve("locked").toString());
        OpenSshServer.run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f",
                keys.resolve("other-rsa").toString());
        OpenSshServer.run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "s3cret", "-f",
                keys.resolve("locked-rsa.pem").toString());
        OpenSshServer.run("openssl", "genrsa", "-traditional", "-out", keys.resolve("rsa1024.pem").toString(), "1024");
        OpenSshServer.run("openssl", "dsaparam", "-genkey", "-noout", "-out", keys.resolve("dsa.pem").toString(), "1024");
        Files.copy(good, keys.resolve("shared.pem"));
        Files.setPosixFilePermissions(keys.resolve("shared.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        Path spaced = Files.createDirectories(keys.resolve("My Keys"));
        Files.copy(good, spaced.resolve("web key.pem"));
        Path accented = Files.createDirectories(keys.resolve("clés"));
        Files.copy(good, accented.resolve("clé-ünïcødé.pem"));
        write("key.ppk", "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: broken\n");
        // The cases that leave the world as it is run three at a time from here (each is a JVM of its
        // own, mostly starting up); their tests then look at what each said.
        pool = Executors.newFixedThreadPool(3);
        Stream.of(keyCases(), instanceCases(), argumentCases(), awsCases()).flatMap(c -> c)
                .forEach(c -> runs.put(c.id(), pool.submit(() -> run(c))));
    }

    static ExecutorService pool;
    static final Map<String, Future<Processes.Ended>> runs = new ConcurrentHashMap<>();

    /** What {@code c}, started at the class's start, said; its failures as they were. */
    static Processes.Ended ran(Case c) throws Exception {
        try {
            return runs.get(c.id()).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        }
    }

    /** Before a test changes the world: every case started at the class's start has ended. */
    /** Runs {@code c} against this class's sandbox (see {@link CliCases#run}). */
    static Processes.Ended run(Case c) throws Exception {
        return CliCases.run(sandbox, dir, c);
    }

    static void awaitStartedCases() throws Exception {
        for (Future<Processes.Ended> f : runs.values()) {
            try {
                f.get(5, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                // reported by its own test
            }
        }
    }

    private static void write(String name, String text) throws IOException {
        Files.writeString(keys.resolve(name), text, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        sandbox.close();
    }

    static String key(String name) {
        return keys.resolve(name).toString();
    }

    static final String NOT_A_KEY = "is not a private key Gangway can read (PEM, PKCS#8, OpenSSH or PuTTY .ppk format), "
            + "or it is damaged. Use the .pem file AWS gave you";

    static Stream<Case> keyCases() {
        return Stream.of(
                of("key: truncated PEM", 1, NOT_A_KEY, "ssh", "web-1", "--key", key("truncated.pem"), "--", "true"),
                of("key: garbled PEM", 1, NOT_A_KEY, "ssh", "web-1", "--key", key("garbled.pem"), "--", "true"),
                of("key: random bytes", 1, NOT_A_KEY, "ssh", "web-1", "--key", key("random.bin"), "--", "true"),
                of("key: empty file", 1, NOT_A_KEY, "ssh", "web-1", "--key", key("empty.pem"), "--", "true"),
                of("key: a directory", 2, "a-directory is a folder, not a key file: give --key", "ssh", "web-1", "--key",
                        key("a-directory"), "--", "true"),
                of("key: the public key", 1, NOT_A_KEY, "ssh", "web-1", "--key", key("ed25519.pub"), "--", "true"),
                of("key: passphrase, no terminal", 1, "locked is protected by a passphrase, and none was given. Gangway "
                        + "asks for it in the window or on a terminal (and never stores it)", "ssh", "web-1", "--key",
                        key("locked"), "--", "true"),
                of("key: not the key pair's", 255, "did not accept the key SHA256:", "ssh", "web-1", "--key",
                        key("other-rsa"), "--", "true"),
                of("key: DSA", 1, "dsa.pem is a DSA key, which OpenSSH (since 7.0) and EC2 no longer accept. Use the key "
                        + "pair's .pem (RSA or ed25519).", "ssh", "web-1", "--key", key("dsa.pem"), "--", "true"),
                of("key: RSA 1024 (not the key pair's)", 255, "did not accept the key SHA256:", "ssh", "web-1", "--key",
                        key("rsa1024.pem"), "--", "true"),
                of("key: readable by others", 0, "shared.pem can be read by other users of this computer. Make it "
                        + "private: chmod 600", "ssh", "web-1", "--key", key("shared.pem"), "--", "true"),
                of("key: missing", 2, "there is no key file at", "ssh", "web-1", "--key", key("nowhere.pem"), "--", "true"),
                of("key: path with spaces", 0, "", "ssh", "web-1", "--key", keys.resolve("My Keys").resolve("web key.pem")
                        .toString(), "--", "true"),
                of("key: non-ASCII path", 0, "", "ssh", "web-1", "--key", keys.resolve("clés").resolve("clé-ünïcødé.pem")
                        .toString(), "--", "true"),
                of("key: broken .ppk", 1, NOT_A_KEY, "ssh", "web-1", "--key", key("key.ppk"), "--", "true"),
                of("key: ed25519 for a Windows password", 1, "Windows passwords can only be decrypted with an RSA key "
                        + "pair; " + key("ed25519") + " is an ed25519 key. Choose the .pem file of key pair "
                        + "'gangway-sandbox'.", "password", "win-app", "--show", "--key",
                        key("ed25519")),
                of("key: another RSA key for a Windows password", 1, "other-rsa does not decrypt the password of win-app "
                        + "(i-", "password", "win-app", "--show", "--key",
                        key("other-rsa")),
                of("key: passphrase, no terminal, Windows password", 1, "locked is protected by a passphrase, and none "
                        + "was given.", "password", "win-app", "--show",
                        "--key", key("locked")));
    }

    static Stream<Case> instanceCases() {
        String good = sandbox.keyFile().toString();
        return Stream.of(
                of("instance: unknown name", 1, "no instance with id or Name 'no-such-box' in profile 'default'", "ssh",
                        "no-such-box", "--", "true"),
                of("instance: unknown id", 1, "no instance with id or Name 'i-0123456789abcdef0'", "ssh",
                        "i-0123456789abcdef0", "--", "true"),
                of("instance: malformed id", 1, "no instance with id or Name 'i-zz'", "ssh", "i-zz", "--", "true"),
                of("instance: stopped", 1, ") is stopped: start it first (gangway start).", "ssh", "rhel-batch", "--",
                        "true"),
                of("instance: terminated", 1, ") is terminated: a terminated instance cannot be started again, nor "
                        + "reached.", "ssh", "old-bastion", "--", "true"),
                of("instance: pending", 1, ") is pending: it is starting; try again in a minute.", "ssh", "ci-runner", "--",
                        "true"),
                of("instance: Windows, no .pem in the key folders", 1, "No private key for key pair 'gangway-sandbox' "
                        + "in", "password", "win-app", "--show"),
                of("instance: password not ready", 1, ") is not available yet: Windows generates it a few minutes after "
                        + "launch", "password", "win-paris", "--show", "--key", good),
                of("instance: agent offline", 1, "is not connected to Session Manager (TargetNotConnected)", "ssm",
                        "rhel-batch", "--", "true"),
                of("instance: no agent", 1, "is not a node Session Manager knows (InvalidTarget): the SSM agent has never "
                        + "registered it", "ssm", "ipv6-only", "--", "true"),
                of("instance: no endpoint in its VPC", 255, "has no Instance Connect Endpoint in its VPC (vpc-", "ssh", "ipv6-only", "--key", good, "--via", "eice", "--",
                        "true"),
                of("instance: Remote Desktop to Linux", 1, "is not a Windows instance: log in with SSH instead.", "rdp",
                        "web-1", "--dry-run"),
                of("instance: Windows password of Linux", 1, "is not a Windows instance: it has no Windows password. Log "
                        + "in with SSH instead.", "password", "web-1", "--show", "--key", good),
                of("instance: forward from a stopped one", 1, ") is stopped: start it first", "forward", "rhel-batch",
                        "5432"),
                of("instance: an endpoint port it does not carry", 1, "refused the tunnel to port 5432 (remotePort 5432 "
                        + "is not allowed: an Instance Connect Endpoint opens tunnels to ports 22 and 3389.)", "forward", "db-debian", "5432", "--via",
                        "eice", "--stdio"));
    }

    static Stream<Case> argumentCases() {
        return Stream.of(
                of("arguments: unknown command", 2, "Did you mean: gangway ssh?", "sssh", "web-1"),
                of("arguments: unknown option", 2, "Unknown option: '--frobnicate'", "ssh", "--frobnicate", "web-1"),
                of("arguments: no instance", 2, "Missing required parameter: 'INSTANCE'", "ssh"),
                of("arguments: port out of range", 2, "'70000' is not a port: give a number from 1 to 65535.", "ssh",
                        "web-1", "--port", "70000", "--", "true"),
                of("arguments: port not a number", 2, "'ssh' is not a port: give a number from 1 to 65535 (-p is the port, as in OpenSSH", "ssh", "web-1", "--port", "ssh", "--", "true"),
                of("arguments: unknown --via", 2, "'carrier-pigeon' is not a route: give ssm (Session Manager, no open "
                        + "port needed), eice", "ssh", "web-1", "--via", "carrier-pigeon", "--", "true"),
                of("arguments: unknown region", 2, "Unknown region 'mars-north-1': not one of the regions enabled for "
                        + "profile 'default'", "list", "--region", "mars-north-1"),
                of("arguments: forward to port 0", 2, "Ports are 1 to 65535 (--local 0: any free port).", "forward",
                        "web-1", "0"));
    }

    static Stream<Case> awsCases() {
        return Stream.of(
                withEnv("aws: no credentials", 1, "no AWS profiles or credentials found (looked at ~/.aws/config, "
                        + "~/.aws/credentials and AWS_ACCESS_KEY_ID). Run `aws configure`", env -> {
                            env.remove("AWS_ACCESS_KEY_ID");
                            env.remove("AWS_SECRET_ACCESS_KEY");
                        }, "list"),
                withEnv("aws: endpoint refuses connections", 1, "Could not reach the EC2 endpoint for profile 'default' "
                        + "in us-east-1 (Connection refused). Check your network, proxy or the endpoint_url setting.",
                        env -> env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort()), "list"),
                withEnv("aws: unknown profile", 2, "Unknown profile 'nope' (from AWS_PROFILE). Known profiles: default.",
                        env -> env.put("AWS_PROFILE", "nope"), "list"),
                withEnv("aws: unknown profile, one instance", 2, "unknown profile 'nope' (from AWS_PROFILE). Known "
                        + "profiles: default.", env -> env.put("AWS_PROFILE", "nope"), "ssh", "web-1", "--", "true"),
                withEnv("aws: config with a syntax error", 1, "has a line the AWS SDK cannot read: Profile definition "
                        + "must end with ']' on line 1. Fix that line", env -> {
                            Path broken = dir.resolve("broken-config");
                            try {
                                Files.writeString(broken, "[profile x\nregion = \n= = =\n");
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                            env.put("AWS_CONFIG_FILE", broken.toString());
                        }, "list"),
                withEnv("aws: config with a syntax error, AWS_PROFILE set, no key in the environment", 1,
                        "has a line the AWS SDK cannot read: Profile definition must end with ']' on line 1. Fix that "
                        + "line", env -> {
                            Path broken = dir.resolve("broken-config-2");
                            try {
                                Files.writeString(broken, "[profile x\nregion = \n");
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                            env.put("AWS_CONFIG_FILE", broken.toString());
                            env.put("AWS_PROFILE", "x");
                            env.remove("AWS_ACCESS_KEY_ID");
                            env.remove("AWS_SECRET_ACCESS_KEY");
                        }, "ssh", "web-1", "--", "true"));
    }

    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Case> faultCases() {
        return Stream.of(
                of("aws: credentials refused (AuthFailure)", 1, "AWS refused the credentials of profile 'default' in "
                        + "us-east-1 (AuthFailure). Check the access key of profile 'default' or sign in again", "list"),
                of("aws: AccessDenied (UnauthorizedOperation)", 1, "Profile 'default' is not allowed to list instances in "
                        + "us-east-1 (UnauthorizedOperation). Ask for the ec2:DescribeInstances", "list"),
                of("aws: expired credentials (RequestExpired)", 1, "The credentials of profile 'default' in us-east-1 "
                        + "have expired (RequestExpired). Refresh them", "list"),
                of("aws: a throttling storm", 1, "EC2 kept throttling requests for profile 'default' in us-east-1 even "
                        + "after retries (RequestLimitExceeded). Wait a minute", "list"),
                of("aws: a 5xx storm", 1, "EC2 answered with a server error for profile 'default' in us-east-1 "
                        + "(InternalError) even after retries. Try again shortly.", "list"),
                of("aws: AccessDenied, one instance", 1, "gangway: so 'web-1' could not be looked up.", "ssh", "web-1", "--",
                        "true"),
                // The bound a user may set for a slow link, shortened so the case takes seconds, not a minute.
                withEnv("aws: an endpoint that takes the call and never answers", 1, "EC2 did not answer in time for "
                        + "profile 'default' in us-east-1. Check your network or proxy",
                        env -> env.put("JDK_JAVA_OPTIONS", "-Dgangway.awsCallTimeout=PT3S"), "list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"keyCases", "instanceCases", "argumentCases", "awsCases"})
    void eachBadInputIsSaidWithWhatToDoAndNothingIsLost(Case c) throws Exception {
        check(c, ran(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultCases")
    void anAwsThatRefusesIsSaidInWords(Case c) throws Exception {
        awaitStartedCases();
        Fault fault = c.id().contains("AuthFailure") ? Fault.AUTH_FAILURE
                : c.id().contains("AccessDenied") ? Fault.UNAUTHORIZED
                : c.id().contains("throttling") ? Fault.THROTTLING
                : c.id().contains("expired") ? Fault.EXPIRED
                : c.id().contains("never answers") ? Fault.NO_ANSWER : Fault.SERVER_ERROR;
        for (SandboxWorld.RegionData r : sandbox.world().regions()) {
            sandbox.world().setFault(r.name, fault);
        }
        try {
            long started = System.nanoTime();
            check(c, run(c));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("an answer, never a hang")
                    .isLessThan(Duration.ofSeconds(30));
        } finally {
            for (SandboxWorld.RegionData r : sandbox.world().regions()) {
                sandbox.world().setFault(r.name, null);
            }
        }
    }

    /** Keys whose passphrase is asked for in a terminal (util-linux's script gives gangway one). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("typedCases")
    void aPassphraseTypedWrongIsSaidAndNothingIsLost(Case c) throws Exception {
        awaitStartedCases();
        Processes.Ended e = run(c);
        check(c, e);
        // Asked three times, as OpenSSH asks, and what was typed never shown.
        assertThat(e.out().split("Passphrase for ", -1)).hasSize(4);
        assertThat(e.out()).doesNotContain("not-the-passphrase");
    }

    static Stream<Case> typedCases() {
        return Stream.of(
                of("key: wrong passphrase, typed three times", 1, "The passphrase does not open " + key("locked")
                        + ". Check it and try again", "ssh", "web-1", "--key", key("locked"), "--", "true"),
                of("key: wrong passphrase, Windows password", 1, "The passphrase does not open " + key("locked-rsa.pem")
                        + ". Check it and try again", "password", "win-app", "--show", "--key",
                        key("locked-rsa.pem")));
    }

}
