package dev.gangway.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which start-up class archives this JVM has mapped (Linux; README, Performance). */
final class ClassCache {

    private ClassCache() {
    }

    /**
     * The file names of the class-data-sharing archives and AOT caches mapped into this process, as
     * {@code /proc/self/maps} lists them, joined with "+": the packaged window's gangway.aot, the shell
     * launcher's gangway-ssh.aot, target/gangway's gangway-ssh.jsa, the JDK's classes.jsa; "none"
     * without one, "unknown" where there is no /proc.
     */
    static String inUse() {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(f -> f.endsWith(".aot") || f.endsWith(".jsa"))
                    .map(f -> Path.of(f).getFileName().toString())
                    .distinct().sorted().reduce((a, b) -> a + "+" + b).orElse("none");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
