package dev.gangway.ssh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.instance.InstanceState;
import dev.gangway.inventory.InstanceCache;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.testsupport.GangwayProcess;
import dev.gangway.testsupport.LockedKeys;
import dev.gangway.testsupport.Processes;
import dev.gangway.testsupport.SandboxInstances;
import dev.gangway.testsupport.TypedRun;

/**
 * `gangway ssh NAME` as a user runs it twice: the second time it knows the instance from the
 * listing before, without asking EC2, says so with --verbose, asks again with --refresh, and when
 * what it knew no longer holds (the instance was stopped), asks EC2 and says what is true. Each
 * command a process of its own against a sandbox as against AWS.
 */
class SshFromCacheTest {

    @TempDir
    static Path dir;
    static SandboxCloud sandbox;

    @BeforeAll
    static void start() throws Exception {
        // us-east-2 enabled and empty (filler of no instances), for the listing that finds a region empty.
        sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox")).withFiller(2, 0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Processes.Ended gangway(String... args) throws Exception {
        return gangwayAt(dir.resolve("home"), args);
    }

    static Processes.Ended gangwayAt(Path home, String... args) throws Exception {
        ProcessBuilder pb = GangwayProcess.of(sandbox, home, List.of(args));
        return Processes.run(pb, Duration.ofSeconds(90));
    }

    private static long describes() {
        return sandbox.world().calls("DescribeInstances");
    }

    @Test
    void theSecondConnectKnowsTheInstanceAndAStaleAnswerIsAskedAgain() throws Exception {
        String key = sandbox.keyFile().toString();
        Processes.Ended list = gangway("list");
        assertThat(list.code()).as(list.err()).isZero();
        Path cache = dir.resolve("home").resolve("gangway").resolve("data").resolve("cache").resolve("instances.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");

        // Listed, but never connected to from here: EC2 is asked (the host key is not known yet).
        long beforeFirst = describes();
        Processes.Ended first = gangway("ssh", "web-1", "--key", key, "--", "echo", "first");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(describes()).isGreaterThan(beforeFirst);

        long before = describes();
        long keyPairs = sandbox.world().calls("DescribeKeyPairs");
        // No --key: the key file that logged in last time, with no key search.
        Processes.Ended known = gangway("ssh", "web-1", "--verbose", "--", "echo", "from-cache");
        assertThat(known.code()).as(known.err()).isZero();
        assertThat(known.out()).contains("from-cache");
        assertThat(known.err()).containsPattern("web-1 \\(i-[0-9a-f]+\\) at 127\\.0\\.0\\.1 port "
                + "[0-9]+, as learned [0-9]+ s ago \\(not asked of EC2 again; --refresh asks\\)");
        assertThat(known.err()).as("--verbose says where the connect's time went").containsPattern(
                "connected to .* in [0-9]+ ms \\(TCP [0-9]+, key exchange and host key [0-9]+, login [0-9]+ ms\\)");
        assertThat(describes()).as("EC2 not asked").isEqualTo(before);
        assertThat(sandbox.world().calls("DescribeKeyPairs")).as("no key search").isEqualTo(keyPairs);
        String scope = "endpoint " + sandbox.environment().get("AWS_ENDPOINT_URL");
        assertThat(new InstanceCache(cache, Clock.systemUTC()).find(scope, "default", null, "web-1"))
                .as("the next connect prepares only for ML-KEM, and meets this host key").hasValueSatisfying(hit -> {
                    assertThat(hit.connection().keyExchange()).isEqualTo("mlkem768x25519-sha256");
                    assertThat(hit.connection().hostKey()).startsWith("SHA256:");
                    assertThat(hit.connection().keyFile()).isEqualTo(Path.of(key).toAbsolutePath().toString());
                });

        // Another host key at the cached address is another machine: refused there, EC2 asked, and the
        // usual checks (known_hosts) decide.
        String pinned = new InstanceCache(cache, Clock.systemUTC()).find(scope, "default", null, "web-1")
                .orElseThrow().connection().hostKey();
        Files.writeString(cache, Files.readString(cache).replace(pinned, "SHA256:someOtherMachinesKeyXXXXXXXXXXXXXXXXXXXXXXXXX"));
        long beforePin = describes();
        Processes.Ended repinned = gangway("ssh", "web-1", "--key", key, "--verbose", "--", "echo", "same-machine");
        assertThat(repinned.code()).as(repinned.err()).isZero();
        assertThat(repinned.out()).contains("same-machine");
        assertThat(repinned.err()).contains("is not the one the instance had when Gangway last connected to it");
        assertThat(describes()).isGreaterThan(beforePin);
        assertThat(new InstanceCache(cache, Clock.systemUTC()).find(scope, "default", null, "web-1"))
                .hasValueSatisfying(hit -> assertThat(hit.connection().hostKey()).isEqualTo(pinned));

        Processes.Ended refreshed = gangway("ssh", "web-1", "--key", key, "--refresh", "--", "echo", "asked");
        assertThat(refreshed.code()).as(refreshed.err()).isZero();
        assertThat(refreshed.out()).contains("asked");
        assertThat(refreshed.err()).doesNotContain("as learned");
        assertThat(describes()).as("--refresh asks EC2").isGreaterThan(before);

        // The instance moved since it was learned (its public address then is nobody's now): EC2 is
        // asked, and the command connects to where the instance is.
        Files.writeString(cache, Files.readString(cache).replace("\"publicIp\":\"127.0.0.1\"",
                "\"publicIp\":\"127.0.0.2\""));
        long beforeMoved = describes();
        Processes.Ended moved = gangway("ssh", "web-1", "--key", key, "--verbose", "--", "echo", "found-again");
        assertThat(moved.code()).as(moved.err()).isZero();
        assertThat(moved.out()).contains("found-again");
        assertThat(moved.err()).contains("at 127.0.0.2 port").contains("has changed since it was learned");
        assertThat(describes()).isGreaterThan(beforeMoved);
        assertThat(new InstanceCache(cache, Clock.systemUTC()).find(scope, "default", null, "web-1"))
                .as("and remembered").hasValueSatisfying(hit -> assertThat(hit.instance().publicIp())
                        .isEqualTo("127.0.0.1"));

        Machine web = SandboxInstances.machine(sandbox, "web-1");
        sandbox.world().changeState(web, InstanceState.STOPPED);
        try {
            long beforeStale = describes();
            Processes.Ended stale = gangway("ssh", "web-1", "--key", key, "--", "echo", "never");
            assertThat(stale.out()).doesNotContain("never");
            assertThat(stale.err()).contains("web-1").contains("is stopped");
            assertThat(stale.code()).as(stale.err()).isEqualTo(1);
            assertThat(describes()).as("the failed connect asked EC2").isGreaterThan(beforeStale);
        } finally {
            sandbox.world().changeState(web, InstanceState.RUNNING);
        }
    }

    /**
     * A region that a listing now finds empty forgets what it had: `gangway ssh` must not dial an
     * instance the last listing no longer shows. Here the cache says the instances are in us-east-2,
     * which the sandbox has enabled with nothing in it.
     */
    @Test
    void aRegionListedEmptyForgetsItsInstances() throws Exception {
        Path home = dir.resolve("home-empty-region");
        Processes.Ended list = gangwayAt(home, "list", "--all-regions");
        assertThat(list.code()).as(list.err()).isZero();
        Path cache = home.resolve("gangway").resolve("data").resolve("cache").resolve("instances.json");
        Files.writeString(cache, Files.readString(cache).replace("us-east-1", "us-east-2"));
        assertThat(Files.readString(cache)).contains("\"region\":\"us-east-2\"");

        Processes.Ended empty = gangwayAt(home, "list", "--region", "us-east-2");
        assertThat(empty.code()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("0 instances");
        assertThat(Files.readString(cache)).doesNotContain("\"region\":\"us-east-2\"")
                .as("other regions kept").contains("\"region\":\"eu-west-3\"");
    }

    /**
     * When what the cache knew does not connect and EC2 is asked, the second attempt opens the same
     * encrypted key file: its passphrase is asked once per command, not once per attempt.
     */
    @Test
    void aPassphraseIsAskedOnceWhenTheCachedAttemptIsRetried() throws Exception {
        Path home = dir.resolve("home-passphrase");
        Files.createDirectories(home);
        String passphrase = "pp-" + UUID.randomUUID();
        Path locked = LockedKeys.lockedCopy(sandbox.keyFile(), home.resolve("locked.pem"), passphrase);
        assertThat(gangwayAt(home, "list").code()).isZero();
        Processes.Ended first = TypedRun.run(GangwayProcess.of(sandbox, home, List.of("ssh", "web-1", "--key",
                locked.toString(), "--", "echo", "pinned")), "Passphrase for", passphrase, 1, Duration.ofSeconds(90));
        assertThat(first.code()).as(first.out()).isZero();

        // The instance "moved" since: the cached address refuses, EC2 is asked, the key is the same.
        Path cache = home.resolve("gangway").resolve("data").resolve("cache").resolve("instances.json");
        Files.writeString(cache, Files.readString(cache).replace("\"publicIp\":\"127.0.0.1\"",
                "\"publicIp\":\"127.0.0.2\""));
        Processes.Ended retried = TypedRun.run(GangwayProcess.of(sandbox, home, List.of("ssh", "web-1", "--verbose",
                "--", "echo", "once")), "Passphrase for", passphrase, 2, Duration.ofSeconds(90));
        assertThat(retried.code()).as(retried.out()).isZero();
        assertThat(retried.out()).contains("once").contains("has changed since it was learned");
        assertThat(retried.out().split("Passphrase for", -1)).as("prompts in:%n%s", retried.out()).hasSize(2);
    }
}
