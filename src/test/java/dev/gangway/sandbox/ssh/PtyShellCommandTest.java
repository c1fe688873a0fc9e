package dev.gangway.sandbox.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where pty4j's native library comes from for the sandbox's shells: the package's own copy when the
 * launcher names it, else one folder in the sandbox's data (pty4j's default is a new /tmp/pty4j-*
 * folder in every JVM, never removed). SandboxInstancesTest checks that a shell leaves /tmp alone.
 */
public class PtyShellCommandTest {

    /** The folders pty4j unpacks its native library into when it is given none (it never removes them). */
    public static List<String> ptyFoldersInTmp() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("pty4j-")).sorted().toList();
        }
    }

    @Test
    void pty4jUnpacksIntoTheSandboxsFolderUnlessTheLauncherNamesTheLibrary(@TempDir Path dir) throws Exception {
        String preferred = System.getProperty(PtyShellCommand.PREFERRED_FOLDER);
        String unpack = System.getProperty(PtyShellCommand.UNPACK_FOLDER);
        try {
            System.clearProperty(PtyShellCommand.PREFERRED_FOLDER);
            System.clearProperty(PtyShellCommand.UNPACK_FOLDER);
            PtyShellCommand.nativeFolder(dir.resolve("a"));
            assertThat(System.getProperty(PtyShellCommand.UNPACK_FOLDER)).isEqualTo(dir.resolve("a").toString());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
                    .isEqualTo("rwx------");
            // The JVM's first shell decides; pty4j loads its library once.
            PtyShellCommand.nativeFolder(dir.resolve("b"));
            assertThat(System.getProperty(PtyShellCommand.UNPACK_FOLDER)).isEqualTo(dir.resolve("a").toString());

            // The installed app's launchers name the package's copy: nothing is unpacked anywhere.
            System.clearProperty(PtyShellCommand.UNPACK_FOLDER);
            System.setProperty(PtyShellCommand.PREFERRED_FOLDER, dir.resolve("package").toString());
            PtyShellCommand.nativeFolder(dir.resolve("c"));
            assertThat(System.getProperty(PtyShellCommand.UNPACK_FOLDER)).isNull();
            assertThat(dir.resolve("c")).doesNotExist();
        } finally {
            restore(PtyShellCommand.PREFERRED_FOLDER, preferred);
            restore(PtyShellCommand.UNPACK_FOLDER, unpack);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
