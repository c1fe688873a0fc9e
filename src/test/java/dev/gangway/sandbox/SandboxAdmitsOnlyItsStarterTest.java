package dev.gangway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2instanceconnect.Ec2InstanceConnectClient;
import software.amazon.awssdk.services.ec2instanceconnect.model.Ec2InstanceConnectException;

import dev.gangway.instance.Instance;
import dev.gangway.testsupport.Processes;
import dev.gangway.sandbox.http.SandboxCredentials;

/**
 * The sandbox runs shells as the user who started it, so nobody else gets in: not with the key
 * Gangway once shipped as a constant, not from a web page, not as another local user.
 */
class SandboxAdmitsOnlyItsStarterTest extends ApiSandboxTest {

    /** The credentials every sandbox accepted until 0.x: in the code, README and `gangway sandbox`. */
    static final String OLD_KEY_ID = "AKIAGANGWAYSANDBOX00";
    static final String OLD_SECRET = "gangway-sandbox-not-a-secret";


    @Test
    void eachRunMakesItsOwnRandomKeyOfAwssShape(@TempDir Path other) throws Exception {
        SandboxCredentials key = sandbox.accessKey();
        assertThat(key.accessKeyId()).matches("AKIA[A-Z2-7]{16}").isNotEqualTo(OLD_KEY_ID);
        assertThat(key.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");
        assertThat(key.toString()).doesNotContain(key.secretAccessKey());
        try (SandboxCloud second = SandboxCloud.start(SandboxOptions.defaults(other).withSshServers(false))) {
            assertThat(second.accessKey().accessKeyId()).isNotEqualTo(key.accessKeyId());
            assertThat(second.accessKey().secretAccessKey()).isNotEqualTo(key.secretAccessKey());
            // One sandbox's key does not open another.
            try (Ec2Client crossed = ec2(second, sandbox.credentials())) {
                assertThatThrownBy(crossed::describeRegions).isInstanceOf(Ec2Exception.class)
                        .satisfies(e -> assertThat(code(e)).isEqualTo("AuthFailure"));
            }
        }
    }

    @Test
    void theOldConstantKeyIsRefusedWithAwssOwnErrorCodes() {
        StaticCredentialsProvider old = StaticCredentialsProvider.create(AwsBasicCredentials.create(OLD_KEY_ID, OLD_SECRET));
        try (Ec2Client ec2 = ec2(sandbox, old)) {
            assertThatThrownBy(ec2::describeInstances).isInstanceOf(Ec2Exception.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("AuthFailure"));
        }
        try (Ec2InstanceConnectClient eic = Ec2InstanceConnectClient.builder().endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(old)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build()) {
            assertThatThrownBy(() -> eic.sendSSHPublicKey(r -> r.instanceId("i-0123456789abcdef0")
                    .instanceOSUser("ec2-user").sshPublicKey("ssh-ed25519 AAAA")))
                    .isInstanceOf(Ec2InstanceConnectException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("UnrecognizedClientException"));
        }
        // This run's secret under another key id: refused for the id alone (the signature itself would match).
        StaticCredentialsProvider otherId = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(OLD_KEY_ID, sandbox.accessKey().secretAccessKey()));
        try (Ec2Client ec2 = ec2(sandbox, otherId)) {
            assertThatThrownBy(ec2::describeInstances).isInstanceOf(Ec2Exception.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("AuthFailure"));
        }
        // The right key id with a wrong secret: the signature does not match.
        StaticCredentialsProvider guessed = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(sandbox.accessKey().accessKeyId(), OLD_SECRET));
        try (Ec2InstanceConnectClient eic = Ec2InstanceConnectClient.builder().endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(guessed)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build()) {
            assertThatThrownBy(() -> eic.sendSSHPublicKey(r -> r.instanceId("i-0123456789abcdef0")
                    .instanceOSUser("ec2-user").sshPublicKey("ssh-ed25519 AAAA")))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSignatureException"));
        }
    }

    @Test
    void thisRunsKeyWorksFromTheProcessAndFromTheWrittenProfile() throws Exception {
        try (Ec2Client ec2 = ec2(sandbox, sandbox.credentials())) {
            assertThat(ec2.describeInstances().reservations()).isNotEmpty();
        }
        Path profile = sandbox.writeProfile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile.getParent())))
                .isEqualTo("rwx------");
        ProfileFile file = ProfileFile.builder().content(profile).type(ProfileFile.Type.CONFIGURATION).build();
        assertThat(file.profile(SandboxCloud.PROFILE).flatMap(p -> p.property("endpoint_url")))
                .contains(sandbox.endpoint().toString());
        try (Ec2Client ec2 = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(sandbox.endpoint())
                .credentialsProvider(ProfileCredentialsProvider.builder().profileFile(file)
                        .profileName(SandboxCloud.PROFILE).build()).build()) {
            assertThat(ec2.describeRegions().regions()).isNotEmpty();
        }
    }

    @Test
    void theAwsCliWorksWithTheWrittenProfile() throws Exception {
        assumeTrue(onPath("aws"), "the AWS CLI is not installed here");
        Path profile = sandbox.writeProfile();
        ProcessBuilder pb = new ProcessBuilder("aws", "ec2", "describe-regions", "--query", "Regions[].RegionName",
                "--output", "text");
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(Map.of("AWS_CONFIG_FILE", profile.toString(), "AWS_PROFILE", SandboxCloud.PROFILE,
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        Result aws = run(pb);
        assertThat(aws.code()).as(aws.err()).isZero();
        assertThat(aws.out()).contains("us-east-1").contains("eu-west-3");
    }

    /** Every port the sandbox opens, its endpoint's and its SSH servers', listens on loopback only (from the kernel's tables). */
    @Test
    void everyListenerIsOnLoopbackOnly(@TempDir Path withSsh) throws Exception {
        try (SandboxCloud cloud = SandboxCloud.start(SandboxOptions.defaults(withSsh))) {
            Set<Integer> ports = new TreeSet<>();
            ports.add(cloud.endpoint().getPort());
            cloud.world().machines().forEach(m -> {
                String port = m.tags.get(Instance.SSH_PORT_TAG);
                if (port != null) {
                    ports.add(Integer.parseInt(port));
                }
            });
            assertThat(ports).hasSizeGreaterThan(3);
            Map<Integer, String> listening = new HashMap<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path file = Path.of(table);
                if (!Files.exists(file)) {
                    continue;
                }
                for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f[3].equals("0A")) { // LISTEN
                        String[] local = f[1].split(":");
                        listening.merge(Integer.parseInt(local[1], 16), local[0], (a, b) -> a + "," + b);
                    }
                }
            }
            for (int port : ports) {
                assertThat(listening).as("port " + port + " is listened on").containsKey(port);
                for (String address : listening.get(port).split(",")) {
                    // 127.0.0.1, ::ffff:127.0.0.1 (Java's IPv4 socket on a dual stack) and ::1, as the kernel prints
                    // them (32-bit words in host order, little-endian here): never 0.0.0.0, :: or another address.
                    assertThat(address).as("port " + port).isIn("0100007F", "0000000000000000FFFF00000100007F",
                            "00000000000000000000000001000000");
                }
            }
        }
    }

    @Test
    void aForeignHostHeaderIsRefusedAsDnsRebinding() throws Exception {
        int port = sandbox.endpoint().getPort();
        assertThat(rawRequest("Host: attacker.example:" + port + "\r\n")).startsWith("HTTP/1.1 403")
                .contains("must be 127.0.0.1:" + port);
        assertThat(rawRequest("Host: 127.0.0.1:" + (port == 65535 ? 1 : port + 1) + "\r\n")).startsWith("HTTP/1.1 403");
        // No Host at all: HTTP/1.1 requires one, and the server refuses the request before it reaches the API.
        assertThat(rawRequest("")).matches("(?s)HTTP/1.1 40[03] .*").doesNotContain("<Response>");
        // A loopback name of this port reaches the endpoint (which then asks for a signature).
        assertThat(rawRequest("Host: localhost:" + port + "\r\n")).startsWith("HTTP/1.1 401")
                .contains("MissingAuthenticationToken");
        assertThat(rawRequest("Host: 127.0.0.1:" + port + "\r\n")).startsWith("HTTP/1.1 401");
    }

    @Test
    void anyRequestFromAWebPageIsRefusedWebSocketUpgradesIncluded() throws Exception {
        int port = sandbox.endpoint().getPort();
        String upgrade = "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
        assertThat(rawRequest(upgrade + "Origin: https://attacker.example\r\n")).startsWith("HTTP/1.1 403")
                .contains("web pages");
        assertThat(rawRequest("Host: 127.0.0.1:" + port + "\r\nOrigin: http://127.0.0.1:" + port + "\r\n"))
                .startsWith("HTTP/1.1 403");
    }

    @Test
    void anExistingDataFolderAndKeyFileAreMadePrivate(@TempDir Path parent) throws Exception {
        Path folder = Files.createDirectory(parent.resolve("sandbox"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SandboxCloud first = SandboxCloud.start(SandboxOptions.defaults(folder).withSshServers(false))) {
            Path pem = first.keyFile();
            Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SandboxCloud again = SandboxCloud.start(SandboxOptions.defaults(folder).withSshServers(false))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(again.keyFile())))
                    .isEqualTo("rw-------");
        }
        // A folder of the user's (`--data ~`) open to others is not the sandbox's to change: refused, left as it was.
        Path users = Files.createDirectory(parent.resolve("documents"));
        Files.writeString(users.resolve("notes.txt"), "mine");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> SandboxCloud.start(SandboxOptions.defaults(users).withSshServers(false)))
                .isInstanceOf(IOException.class).hasMessageContaining("can be opened by other users")
                .hasMessageContaining("chmod 700");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rwxr-xr-x");
    }

    /** A body that is not URL encoding (found by ParserPropertiesTest): refused as AWS does, and the sandbox serves on. */
    @Test
    void aMalformedBodyIsRefusedAndTheNextRequestIsServed() throws Exception {
        assertThat(signedRaw("Action=DescribeRegions&Version=2016-11-15&Bad=%zz", Instant.now()))
                .contains("400").contains("<Code>MalformedQueryString</Code>");
        assertThat(signedRaw("Action=DescribeRegions&Version=2016-11-15", Instant.now()))
                .contains("200").contains("us-east-1");
    }

    /** A request signed with this run's key at {@code signedAt}, sent as raw HTTP; the raw answer. */
    private String signedRaw(String form, Instant signedAt) throws Exception {
        return SignedRequests.post(sandbox, "ec2", "application/x-www-form-urlencoded; charset=utf-8", null,
                form.getBytes(StandardCharsets.UTF_8), signedAt);
    }

    @Test
    void aSignatureOlderThanFifteenMinutesIsRefused() throws Exception {
        assertThat(signedRaw("Action=DescribeRegions&Version=2016-11-15", Instant.now().minus(Duration.ofMinutes(20))))
                .contains("<Code>RequestExpired</Code>");
    }

    /**
     * As root, a second Unix user (made for the test, removed after) tries what the reporter
     * did: the port is in plain sight, but the old key is refused and the sandbox's folder is closed.
     * The sandbox sits in a folder others may pass through (0711), so its own modes are what count.
     */
    @Test
    void anotherLocalUserIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can make a second user here");
        assumeTrue(onPath("useradd") && onPath("userdel") && onPath("runuser") && onPath("curl"),
                "useradd, userdel, runuser or curl missing");
        String user = "gangway-other";
        run(new ProcessBuilder("userdel", user));
        Result added = run(new ProcessBuilder("useradd", "--no-create-home", "--shell", "/bin/sh", user));
        assumeTrue(added.code() == 0, "cannot add a user: " + added.err());
        Path open = Files.createTempDirectory(Path.of("/tmp"), "gangway-other-");
        try (SandboxCloud mine = SandboxCloud.start(SandboxOptions.defaults(open.resolve("sandbox"))
                .withSshServers(false))) {
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx--x--x"));
            Path profile = mine.writeProfile();
            Result read = run(new ProcessBuilder("runuser", "-u", user, "--", "cat", profile.toString()));
            assertThat(read.code()).isNotZero();
            assertThat(read.err()).contains("Permission denied");
            Result key = run(new ProcessBuilder("runuser", "-u", user, "--", "cat", mine.keyFile().toString()));
            assertThat(key.code()).isNotZero();
            assertThat(key.err()).contains("Permission denied");
            Result curl = run(new ProcessBuilder("runuser", "-u", user, "--", "curl", "-sS", "--aws-sigv4",
                    "aws:amz:us-east-1:ec2", "--user", OLD_KEY_ID + ":" + OLD_SECRET, "-H",
                    "Content-Type: application/x-www-form-urlencoded", "--data",
                    "Action=DescribeInstances&Version=2016-11-15", "-w", "\n%{http_code}", mine.endpoint() + "/"));
            assertThat(curl.out()).contains("<Code>AuthFailure</Code>").endsWith("401");
        } finally {
            run(new ProcessBuilder("userdel", user));
            run(new ProcessBuilder("rm", "-rf", open.toString()));
        }
    }

    /** Another SigV4 signer than the SDK's, curl's, with this run's key (read from a 0600 file, not argv). */
    @Test
    void curlSigningWithThisRunsKeyIsAnswered(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("curl"), "curl missing");
        Path config = dir.resolve("curl.conf");
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, "user = \"" + sandbox.accessKey().accessKeyId() + ":"
                + sandbox.accessKey().secretAccessKey() + "\"\n");
        Result curl = run(new ProcessBuilder("curl", "-sS", "-K", config.toString(), "--aws-sigv4",
                "aws:amz:us-east-1:ec2", "-H", "Content-Type: application/x-www-form-urlencoded", "--data",
                "Action=DescribeRegions&Version=2016-11-15", "-w", "\n%{http_code}", sandbox.endpoint() + "/"));
        assertThat(curl.out()).as(curl.err()).contains("<regionName>us-east-1</regionName>").endsWith("200");
    }

    private static Ec2Client ec2(SandboxCloud cloud, AwsCredentialsProvider key) {
        return Ec2Client.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1).credentialsProvider(key)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build();
    }

    private static String code(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    /** An HTTP/1.1 POST written by hand, so that Host can be anything (or missing). */
    private static String rawRequest(String headers) throws IOException {
        return rawRequest(headers + "Content-Type: application/x-www-form-urlencoded\r\n",
                "Action=DescribeRegions&Version=2016-11-15");
    }

    private static String rawRequest(String headers, String body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", sandbox.endpoint().getPort())) {
            s.setSoTimeout(20_000);
            String request = "POST / HTTP/1.1\r\n" + headers
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    record Result(int code, String out, String err) {
    }

    static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
        pb.command(new ArrayList<>(pb.command()));
        Processes.Ended ended = Processes.run(pb, Duration.ofSeconds(60));
        return new Result(ended.code(), ended.out().trim(), ended.err());
    }
}
