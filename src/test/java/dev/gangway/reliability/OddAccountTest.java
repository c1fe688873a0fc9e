package dev.gangway.reliability;

import static dev.gangway.reliability.CliCases.check;
import static dev.gangway.reliability.CliCases.of;
import static dev.gangway.reliability.CliCases.withEnv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gangway.reliability.CliCases.Case;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Fault;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.testsupport.Processes;
import dev.gangway.testsupport.SmallDisk;

/**
 * The rest of the catalogue of bad inputs ({@link BadInputsTest}): what the account or the disk
 * holds, set up in a sandbox of this class's own for each case and put back after it: ambiguous and
 * odd names, refusals of one permission, an expired SSO token, answers cut off, a read-only folder and
 * a full disk (tmpfs mounts of the test's own).
 */
class OddAccountTest {

    @TempDir
    static Path dir;
    static SandboxCloud sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox")));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Processes.Ended run(Case c) throws Exception {
        return CliCases.run(sandbox, dir, c);
    }

    /** Odd things the account itself holds: each set up in the sandbox's world for its case, then put back. */
    static Stream<Case> worldCases() {
        String good = sandbox.keyFile().toString();
        return Stream.of(
                of("instance: ambiguous name", 1, "several instances are named 'web-1'", "ssh", "web-1", "--", "true"),
                of("aws: huge tag values, a Name on two lines", 0, "two\\nlines", "list"),
                of("aws: non-ASCII names", 0, "", "ssh", "Ünïcødé-名前", "--key", good, "--", "echo", "reached"),
                of("instance: IPv6-only", 0, "reached", "ssh", "ipv6-only", "--key", good, "--via", "direct", "--", "echo",
                        "reached"),
                of("aws: AccessDenied, ssm:StartSession", 1, "ssm:StartSession", "ssm", "web-1", "--", "true"),
                new Case("aws: AccessDenied, ec2:GetPasswordData", List.of("password", "win-app", "--show", "--key", good),
                        1, List.of("Profile 'default' is not allowed to read the Windows password of win-app (i-",
                                "Ask for the ec2:GetPasswordData permission."), env -> { }),
                of("aws: AccessDenied, ec2-instance-connect:SendSSHPublicKey", 1,
                        "ec2-instance-connect:SendSSHPublicKey", "ssh", "web-1", "--instance-connect", "--", "true"),
                withEnv("files: a read-only Gangway folder, listing", 0, "instances", env -> env.put("GANGWAY_HOME",
                        dir.resolve("read-only").toString()), "list"),
                withEnv("files: a read-only Gangway folder, a sandbox to start", 1, "Could not write " + dir.resolve(
                        "read-only") + "/data: its file system is read-only. Point GANGWAY_HOME", env -> env.put(
                        "GANGWAY_HOME", dir.resolve("read-only").toString()), "list", "--sandbox"),
                withEnv("files: a full disk for the .rdp file", 1, "(in Java's temporary folder: -Djava.io.tmpdir in "
                        + "JDK_JAVA_OPTIONS moves it): the disk is full. Free some space, then try again.", env -> env.put("JDK_JAVA_OPTIONS",
                        "-Djava.io.tmpdir=" + dir.resolve("full")), "rdp", "win-app", "--key", good),
                of("aws: malformed XML answers", 1, "The answer from AWS for profile 'default' in us-east-1 could not be "
                        + "read: it was cut off, or is not AWS's. A proxy", "list"),
                withEnv("aws: an expired SSO token", 1, "The SSO session of profile 'sso-dev' in us-east-1 has expired or "
                        + "was never started. Run `aws sso login --profile sso-dev`", env -> {
                    env.remove("AWS_ACCESS_KEY_ID");
                    env.remove("AWS_SECRET_ACCESS_KEY");
                    env.put("AWS_CONFIG_FILE", dir.resolve("sso").resolve(".aws").resolve("config").toString());
                    env.put("HOME", dir.resolve("sso").toString());
                    env.put("AWS_PROFILE", "sso-dev");
                }, "list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("worldCases")
    void anOddAccountIsSaidInWords(Case c) throws Exception {
        SandboxWorld world = sandbox.world();
        Machine api = machine("api-ubuntu");
        Machine ci = machine("ci-runner");
        Machine web = machine("web-1");
        Map<String, String> apiTags = Map.copyOf(api.tags);
        Map<String, String> ciTags = Map.copyOf(ci.tags);
        Map<String, String> webTags = Map.copyOf(web.tags);
        SmallDisk disk = null;
        try {
            switch (c.id()) {
                case "files: a read-only Gangway folder, listing", "files: a read-only Gangway folder, a sandbox to start" ->
                    disk = SmallDisk.readOnly(dir.resolve("read-only"), null);
                case "files: a full disk for the .rdp file" -> disk = SmallDisk.full(dir.resolve("full"), null);
                case "instance: ambiguous name" -> api.tags.put("Name", "web-1");
                case "aws: huge tag values, a Name on two lines" -> {
                    ci.tags.put("Name", "two\nlines");
                    web.tags.put("Notes", "x".repeat(256));
                    web.tags.put("x".repeat(128), "long key");
                }
                case "aws: non-ASCII names" -> api.tags.put("Name", "Ünïcødé-名前");
                case "aws: AccessDenied, ssm:StartSession" -> world.permissions().deny("ssm:StartSession", "*", true);
                case "aws: AccessDenied, ec2:GetPasswordData" -> world.permissions().deny("ec2:GetPasswordData", "*", true);
                case "aws: AccessDenied, ec2-instance-connect:SendSSHPublicKey" -> world.permissions().denyInstanceConnect(true);
                case "aws: malformed XML answers" -> world.regions().forEach(r -> world.setFault(r.name, Fault.GARBLED));
                case "aws: an expired SSO token" -> writeExpiredSso();
                default -> { }
            }
            check(c, run(c));
        } finally {
            if (disk != null) {
                disk.close();
            }
            restore(api, apiTags);
            restore(ci, ciTags);
            restore(web, webTags);
            world.regions().forEach(r -> world.setFault(r.name, null));
            world.permissions().deny("ssm:StartSession", "*", false);
            world.permissions().deny("ec2:GetPasswordData", "*", false);
            world.permissions().denyInstanceConnect(false);
        }
    }

    private static Machine machine(String name) {
        return sandbox.world().machines().stream().filter(m -> name.equals(m.tags.get("Name"))).findFirst().orElseThrow();
    }

    private static void restore(Machine m, Map<String, String> tags) {
        m.tags.clear();
        m.tags.putAll(tags);
    }

    /** An SSO profile whose cached token expired, with nothing to refresh it: as after a weekend. */
    private static void writeExpiredSso() throws IOException {
        Path aws = Files.createDirectories(dir.resolve("sso").resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [profile sso-dev]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = Developer
                region = us-east-1

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-1
                sso_registration_scopes = sso:account:access
                """);
        Path cache = Files.createDirectories(aws.resolve("sso").resolve("cache"));
        String name;
        try {
            name = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest("corp".getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.writeString(cache.resolve(name + ".json"), "{\"startUrl\":\"https://corp.awsapps.com/start\","
                + "\"region\":\"us-east-1\",\"accessToken\":\"expired-token\","
                + "\"expiresAt\":\"2026-01-01T00:00:00Z\"}");
    }

}
