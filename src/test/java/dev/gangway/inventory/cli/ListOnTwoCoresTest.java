package dev.gangway.inventory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.testsupport.GangwayProcess;
import dev.gangway.testsupport.Processes;

/**
 * `gangway list` in a process of its own whose common fork-join pool has one worker, as on a 2-core
 * machine: it hung for good when an option came before the command (`gangway --verbose list`), its
 * region fetch holding the one worker while the HTTP client its calls waited for was queued behind it.
 */
class ListOnTwoCoresTest {

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

    /**
     * The JDKs to run it on: the tests' own, and the JDK 25 or newer installed beside it (as the
     * package's runtime is, and as /usr/lib/jvm holds them), where the hang showed.
     */
    private static List<Path> javas() throws IOException {
        Path own = Path.of(System.getProperty("java.home"));
        List<Path> javas = new ArrayList<>(List.of(own));
        try (Stream<Path> beside = Files.list(own.toRealPath().getParent())) {
            beside.filter(jdk -> !jdk.equals(own) && release(jdk).matches("(?s).*JAVA_VERSION=\"(2[5-9]|[3-9][0-9]).*"))
                    .sorted().limit(1).forEach(javas::add);
        }
        return javas;
    }

    private static String release(Path jdk) {
        try {
            return Files.readString(jdk.resolve("release"));
        } catch (IOException e) {
            return "";
        }
    }

    private static Processes.Ended gangway(Path javaHome, String... args) throws Exception {
        List<String> words = new ArrayList<>(List.of(args));
        List<String> jvm = new ArrayList<>(List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=1"));
        while (!words.isEmpty() && words.get(0).startsWith("-D")) {
            jvm.add(words.remove(0));
        }
        ProcessBuilder pb = GangwayProcess.of(sandbox, dir.resolve("home"), words);
        pb.command().set(0, javaHome.resolve("bin").resolve("java").toString());
        pb.command().addAll(1, jvm);
        return Processes.run(pb, Duration.ofSeconds(60));
    }

    @Test
    void listWithAnOptionFirstEndsAndListsTheInstances() throws Exception {
        for (Path java : javas()) {
            // The last without the SDK's warm-up, whose thread would build the HTTP client: the
            // client's own thread must do it then.
            for (List<String> args : List.of(List.of("--verbose", "list", "--sandbox"), List.of("--verbose", "list"),
                    List.of("-Dgangway.noWarmup=true", "list"))) {
                Processes.Ended listed = gangway(java, args.toArray(String[]::new));
                assertThat(listed.code()).as(java + " " + args + ": " + listed.err()).isZero();
                assertThat(listed.out()).as(java + " " + args).contains("web-1", "win-app");
            }
        }
    }
}
