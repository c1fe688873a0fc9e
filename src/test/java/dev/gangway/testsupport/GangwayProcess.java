package dev.gangway.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gangway.sandbox.SandboxCloud;

/**
 * {@code gangway ARGS} as a user runs it, in a JVM of its own (the launcher's flags for a shell
 * command), pointed at {@code sandbox} as at AWS, with {@code home} as its user's home: none of the
 * test machine's AWS settings, proxies or Gangway folders reach it.
 */
public final class GangwayProcess {

    private GangwayProcess() {
    }

    public static ProcessBuilder of(SandboxCloud sandbox, Path home, List<String> args) {
        // Java takes its home folder from the user database, not $HOME: given here so nothing touches the real one.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.home=" + home, "-cp",
                System.getProperty("java.class.path"), "dev.gangway.app.Main"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("GANGWAY")
                || k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        env.put("NO_PROXY", "127.0.0.1,localhost,::1");
        env.putAll(sandbox.environment());
        env.put("HOME", home.toString());
        env.put("GANGWAY_HOME", home.resolve("gangway").toString());
        env.put("GANGWAY_PUBLIC_IP", "127.0.0.1");
        env.put("AWS_CONFIG_FILE", home.resolve(".aws").resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws").resolve("credentials").toString());
        return pb;
    }
}
