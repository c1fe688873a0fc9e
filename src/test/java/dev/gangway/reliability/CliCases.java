package dev.gangway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.testsupport.GangwayProcess;
import dev.gangway.testsupport.Processes;
import dev.gangway.testsupport.TypedRun;

/**
 * One bad input as a user meets it on the command line, and how it is run and judged: {@code gangway}
 * in a process of its own, with a home folder of its own, pointed at a sandbox as at AWS; the words it
 * must say, its exit status, no stack trace or library log line, and the user's settings and
 * known_hosts as they were.
 */
final class CliCases {

    private CliCases() {
    }

    /** Settings a user had before the command ran: they must be there, unchanged, after it. */
    static final String SETTINGS = "{\"appearance\":{\"theme\":\"DARK\"}}";
    /** A host key the user had accepted before: it must stay. */
    static final String KNOWN_HOST = "[old.example]:2222 ssh-ed25519 "
            + "AAAAC3NzaC1lZDI1NTE5AAAAIHf7CJv8cg6xg5X0U2cm0dG7g0hLqfWwZkQ1U0bAa5a3";

    /** One bad input: the command, what must be said (each fragment, in order of importance), the exit status. */
    record Case(String id, List<String> args, int exit, List<String> said, Consumer<Map<String, String>> env) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Case of(String id, int exit, String said, String... args) {
        return new Case(id, List.of(args), exit, List.of(said), env -> { });
    }

    static Case withEnv(String id, int exit, String said, Consumer<Map<String, String>> env, String... args) {
        return new Case(id, List.of(args), exit, List.of(said), env);
    }

    /** Runs {@code c} as a user would: its own JVM, home folder and HOME, standard input closed. */
    static Processes.Ended run(SandboxCloud sandbox, Path dir, Case c) throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        Path config = Files.createDirectories(home.resolve("gangway").resolve("config"));
        Files.writeString(config.resolve("settings.json"), SETTINGS);
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("known_hosts"), KNOWN_HOST + "\n");
        ProcessBuilder pb = GangwayProcess.of(sandbox, home, c.args());
        Map<String, String> env = pb.environment();
        Map<String, String> changed = new HashMap<>(env);
        c.env().accept(changed);
        env.clear();
        env.putAll(changed);
        Processes.Ended ended = c.id().startsWith("key: wrong passphrase")
                ? TypedRun.run(pb, "Passphrase for", "not-the-passphrase", 3, Duration.ofSeconds(90))
                : Processes.run(pb, Duration.ofSeconds(90));
        assertThat(Files.readString(config.resolve("settings.json"))).as("settings").isEqualTo(SETTINGS);
        assertThat(Files.readString(ssh.resolve("known_hosts"))).as("known_hosts").contains(KNOWN_HOST);
        return ended;
    }

    static void check(Case c, Processes.Ended e) {
        String all = e.out() + e.err();
        System.out.println("CASE " + c.id() + " -> " + e.code() + "\n" + all.strip() + "\n----");
        assertThat(e.code()).as(all).isEqualTo(c.exit());
        for (String s : c.said()) {
            assertThat(all).contains(s);
        }
        // AWS's own error codes, quoted in brackets ("(AccessDeniedException)"), are words a user can search for.
        assertThat(all.replaceAll("\\(\\w+Exception\\)", "")).as("no stack trace or library log line")
                .doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("SLF4J").doesNotContain("WARNING:").doesNotContain("SEVERE").doesNotContain("DEBUG");
    }
}
