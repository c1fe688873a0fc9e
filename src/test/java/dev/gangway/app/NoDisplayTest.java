package dev.gangway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's first command on a machine with no display: one clear message and what to do, no stack trace. */
class NoDisplayTest {

    @Test
    void withoutADisplayTheWindowSaysWhyAndWhatToDoAndExitsWithOne(@TempDir Path home) throws Exception {
        Path stderr = home.resolve("stderr.txt");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "dev.gangway.app.Main").redirectInput(new File("/dev/null"))
                .redirectOutput(home.resolve("stdout.txt").toFile()).redirectError(stderr.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("GANGWAY_HOME", home.toString());
        pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("gangway ended").isTrue();
            String said = Files.readString(stderr);
            assertThat(p.exitValue()).as(said).isEqualTo(1);
            assertThat(said).startsWith("gangway: cannot open the window (Unable to open DISPLAY).")
                    .contains("DISPLAY").contains("gangway list").contains("gangway ssh NAME")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            // The details are for the log file.
            assertThat(Files.readString(home.resolve("data").resolve("logs").resolve("gangway-0.log")))
                    .contains("UnsupportedOperationException: Unable to open DISPLAY");
        } finally {
            p.destroyForcibly();
        }
    }
}
