package dev.gangway.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/gangway (src/main/launcher/gangway), as a shell runs it: the JVM flags and start-up archive
 * it hands to java for each way of calling it. A stand-in java (JAVA_HOME) prints the words it was
 * given, so the test reads the exact plan.
 */
class ShellLauncherTest {

    @TempDir
    Path dir;

    @BeforeEach
    void launcherBesideItsArchives() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX shell");
        Files.copy(Path.of("src/main/launcher/gangway"), dir.resolve("gangway"));
        Files.createFile(dir.resolve("gangway-shell.jsa"));
        Files.createFile(dir.resolve("gangway-ssh.jsa"));
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    }

    private List<String> javaArgs(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", dir.resolve("gangway").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().toList();
    }

    @Test
    void sshGetsItsOwnArchiveAndASmallHeapWhateverOptionsComeFirst() throws Exception {
        for (List<String> args : List.of(javaArgs("ssh", "web-1", "--", "true"),
                javaArgs("--verbose", "ssh", "web-1"), javaArgs("--sandbox", "ssh", "web-1"))) {
            assertThat(args).contains("-XX:SharedArchiveFile=" + dir.toRealPath().resolve("gangway-ssh.jsa"),
                    "-Xms32m", "-Xmn16m", "-XX:TieredStopAtLevel=1").doesNotContain("-Xmx256m");
            assertThat(args.subList(args.indexOf("-jar") + 2, args.size())).contains("ssh", "web-1");
        }
    }

    @Test
    void otherCommandsGetTheShellArchiveAndTheWindowItsOwnHeap() throws Exception {
        assertThat(javaArgs("--verbose", "list")).contains("-XX:SharedArchiveFile="
                + dir.toRealPath().resolve("gangway-shell.jsa")).doesNotContain("-Xms32m", "-Xmx256m");
        // `list web-1 ssh`: a word after the command is not the command.
        assertThat(javaArgs("list", "ssh")).noneMatch(a -> a.contains("gangway-ssh.jsa"));
        for (List<String> args : List.of(javaArgs(), javaArgs("--sandbox", "--verbose"),
                javaArgs("--sandbox-filler", "1x10", "--exit-when-populated"))) {
            assertThat(args).contains("-Xmx256m").noneMatch(a -> a.endsWith(".jsa"));
        }
    }

    @Test
    void itWorksFromItsOwnFolderAndThroughAPathWithSpaces() throws Exception {
        Path spaced = Files.createDirectories(dir.resolve("with space"));
        Files.move(dir.resolve("gangway"), spaced.resolve("gangway"));
        Files.move(dir.resolve("gangway-ssh.jsa"), spaced.resolve("gangway-ssh.jsa"));
        List<String> command = List.of("/bin/sh", spaced.resolve("gangway").toString(), "ssh", "web-1");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        Process p = pb.start();
        List<String> args = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor(30, TimeUnit.SECONDS);
        assertThat(args).contains(spaced.toRealPath().resolve("gangway.jar").toString(),
                "-XX:SharedArchiveFile=" + spaced.toRealPath().resolve("gangway-ssh.jsa"), "-Xshare:auto");
    }
}
