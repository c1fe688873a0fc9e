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
 * The build's training runs for the shell commands' start-up archives (pom.xml), not a command: a
 * sandbox is started here as AWS would be, and {@code gangway list} and then {@code gangway ssh web-1
 * -- true} (twice) run against it in processes of their own. The recorded ssh run finds web-1 from the
 * listing before it (InstanceCache) and its host key in known_hosts, as a user's next connect does, so
 * its archive holds what that path needs and not the EC2 client's ~1,400 model classes: a third of
 * the size, relocated faster at every start and 60 MB less resident (README, Performance).
 *
 * <ul>
 *   <li>{@code ShellTraining JAR WORK LIST.classlist SSH.classlist}: {@code java -jar JAR} writes the
 *       classes it loaded, for target/gangway's class-data-sharing archives.</li>
 *   <li>{@code ShellTraining --launcher LAUNCHER WORK LIST.aot SSH.aot}: the packaged shell launcher
 *       (JDK 25 or newer) writes AOT caches, asked through {@code JDK_JAVA_OPTIONS}, which its runtime's
 *       {@code java} reads; the launcher's own settings are those a user's start has.</li>
 * </ul>
 * Exits 0 only when every run did; the build then goes on without the archives that failed.
 */
public final class ShellTraining {

    private ShellTraining() {
    }

    public static void main(String[] args) throws Exception {
        boolean launcher = args.length == 5 && "--launcher".equals(args[0]);
        if (args.length != 4 && !launcher) {
            System.err.println("usage: ShellTraining [--launcher LAUNCHER | JAR] WORK LIST-ARCHIVE SSH-ARCHIVE");
            System.exit(2);
        }
        int at = launcher ? 1 : 0;
        List<String> start = launcher ? List.of(Path.of(args[at]).toAbsolutePath().toString())
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-Xlog:disable", "-jar", args[at]);
        Path work = Files.createDirectories(Path.of(args[at + 1]));
        Path list = Path.of(args[at + 2]).toAbsolutePath();
        Path ssh = Path.of(args[at + 3]).toAbsolutePath();
        int failed = 0;
        try (SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(work.resolve("sandbox")))) {
            failed += run(start, launcher, list, work, sandbox, List.of("list"));
            List<String> connect = List.of("ssh", "web-1", "--key", sandbox.keyFile().toString(), "--", "true");
            // The first connect learns the host key from the console output (an EC2 call); the
            // second is the one recorded: known_hosts knows the host, as for a user's every next one.
            failed += run(start, launcher, null, work, sandbox, connect);
            failed += run(start, launcher, ssh, work, sandbox, connect);
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** One command; {@code archive}, when given, is where it records what it loaded. 0 when it succeeded. */
    private static int run(List<String> start, boolean launcher, Path archive, Path work, SandboxCloud sandbox,
            List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(start);
        if (!launcher) {
            command.add(1, "-Duser.home=" + work.resolve("home"));
            if (archive != null) {
                command.add(1, "-XX:DumpLoadedClassList=" + archive);
            }
        }
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("training.log").toFile()));
        Map<String, String> env = pb.environment();
        // Nothing of the build machine's own Java settings may reach the archives that ship.
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("GANGWAY") || k.startsWith("JDK_JAVA")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("_JAVA_OPTIONS") || k.equals("JDK_AOT_VM_OPTIONS")
                || k.equals("CLASSPATH"));
        env.putAll(sandbox.environment());
        env.put("HOME", work.resolve("home").toString());
        env.put("GANGWAY_HOME", work.resolve("home").resolve("gangway").toString());
        env.put("GANGWAY_PUBLIC_IP", "127.0.0.1");
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        if (launcher) {
            // user.home as in the java -jar runs: ~/.ssh/known_hosts is the training's own.
            env.put("JDK_JAVA_OPTIONS", "\"-Duser.home=" + work.resolve("home") + "\""
                    + (archive == null ? "" : " \"-XX:AOTCacheOutput=" + archive + "\""));
        }
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return 1;
        }
        return p.exitValue() == 0 ? 0 : 1;
    }
}
