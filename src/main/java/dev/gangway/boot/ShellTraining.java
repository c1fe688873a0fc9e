package dev.gangway.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;

/**
 * The build's training runs for the shell commands' class-data-sharing archives (pom.xml), not a
 * command: a sandbox is started here as AWS would be, and {@code gangway list} and then {@code gangway
 * ssh web-1 -- true} (twice) run against it in JVMs of their own, each writing the classes it loaded.
 * The recorded ssh run finds web-1 from the listing before it (InstanceCache) and its host key in
 * known_hosts, as a user's next connect does, so its archive holds what that path needs and not the
 * EC2 client's ~1,400 model classes: a third of the size, relocated faster at every start and 60 MB
 * less resident (README, Performance).
 *
 * <p>{@code java -cp gangway.jar dev.gangway.boot.ShellTraining JAR WORK LIST.classlist SSH.classlist}.
 * Exits 0 only when both runs did; the build then goes on without the archives that failed.
 */
public final class ShellTraining {

    private ShellTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ShellTraining JAR WORK LIST.classlist SSH.classlist");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int failed = 0;
        try (SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(work.resolve("sandbox")))) {
            failed += run(jar, work, sandbox, Path.of(args[2]), List.of("list"));
            List<String> ssh = List.of("ssh", "web-1", "--key", sandbox.keyFile().toString(), "--", "true");
            // The first connect learns the host key from the console output (an EC2 call); the
            // second is the one recorded: known_hosts knows the host, as for a user's every next one.
            failed += run(jar, work, sandbox, Path.of(args[3]), ssh);
            failed += run(jar, work, sandbox, Path.of(args[3]), ssh);
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private static int run(Path jar, Path work, SandboxCloud sandbox, Path classList, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:DumpLoadedClassList=" + classList, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xlog:disable", "-Duser.home=" + work.resolve("home"), "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("training.log").toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("GANGWAY"));
        env.putAll(sandbox.environment());
        env.put("GANGWAY_HOME", work.resolve("home").resolve("gangway").toString());
        env.put("GANGWAY_PUBLIC_IP", "127.0.0.1");
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return 1;
        }
        return p.exitValue() == 0 ? 0 : 1;
    }
}
