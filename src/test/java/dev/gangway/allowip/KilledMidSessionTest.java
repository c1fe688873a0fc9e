package dev.gangway.allowip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.SandboxWorld;

/**
 * {@code gangway allow-my-ip} killed with SIGKILL while its rule is in place (as a crash, or the
 * machine going down, leaves it): the rule stays in EC2, recorded; the next start removes it. Two
 * real Gangway processes against one sandbox (this test's), as against AWS.
 */
class KilledMidSessionTest {

    @TempDir
    Path dir;

    @Test
    void aRuleLeftByAKilledProcessIsRemovedAtTheNextStart() throws Exception {
        try (SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox"))
                .withSshServers(false))) {
            Path home = dir.resolve("home");
            Process first = gangway(sandbox, home, "allow-my-ip", "db-debian", "--port", "22");
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(),
                        StandardCharsets.UTF_8));
                List<String> lines = new ArrayList<>();
                for (String line; (line = out.readLine()) != null && !line.contains("Press Ctrl+C");) {
                    lines.add(line);
                }
                assertThat(rules(sandbox)).as(String.join("\n", lines)).containsExactly("127.0.0.1/32 22");
                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            } finally {
                first.destroyForcibly();
            }
            // Killed: nothing removed it, and the journal still holds it.
            assertThat(rules(sandbox)).containsExactly("127.0.0.1/32 22");
            assertThat(Files.readString(home.resolve("data").resolve("temporary-rules.json"))).contains("127.0.0.1/32");

            Process next = gangway(sandbox, home, "allow-my-ip", "db-debian", "--port", "2222", "--keep");
            String said = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(next.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(next.exitValue()).as(said).isZero();
            assertThat(said).contains("removed a rule an earlier run left: TCP 22 from 127.0.0.1/32");
            assertThat(rules(sandbox)).containsExactly("127.0.0.1/32 2222");
        }
    }

    /** db-debian's group's rules for 127.0.0.1/32, "cidr port". */
    private static List<String> rules(SandboxCloud sandbox) {
        SandboxWorld.Group g = sandbox.world().region("us-east-1").orElseThrow().groups.values().stream()
                .filter(x -> "db-internal".equals(x.name)).findFirst().orElseThrow();
        return g.inbound().stream().filter(p -> "127.0.0.1/32".equals(p.source()))
                .map(p -> p.source() + " " + p.fromPort()).toList();
    }

    /** Gangway in a JVM of its own (this test's classes), pointed at {@code sandbox} as at AWS: key in its environment. */
    private static Process gangway(SandboxCloud sandbox, Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "dev.gangway.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.putAll(sandbox.environment());
        env.put("GANGWAY_HOME", home.toString());
        env.put("GANGWAY_PUBLIC_IP", "127.0.0.1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        return pb.start();
    }
}
