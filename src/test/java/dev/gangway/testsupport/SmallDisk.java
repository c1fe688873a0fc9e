package dev.gangway.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A folder of the test's own on a tmpfs mounted for it: full (a few KiB, then filled) or read-only,
 * as a user's disk or a locked-down folder is. Needs root (mount); a test without it is skipped.
 * Unmounted on close.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** A folder on a 64 KiB file system with no space left, holding {@code settingsJson} as settings.json if given. */
    public static SmallDisk full(Path dir, String settingsJson) throws Exception {
        SmallDisk disk = mount(dir, "size=64k");
        try {
            if (settingsJson != null) {
                Files.writeString(dir.resolve("settings.json"), settingsJson);
            }
        } catch (Exception | Error e) {
            disk.close();
            throw e;
        }
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(dir.resolve("filler"))) {
            while (true) {
                out.write(block);
            }
        } catch (java.io.IOException expected) {
            // no space left: as wanted
        }
        return disk;
    }

    /** A folder on a read-only file system (where even root cannot write), holding {@code settingsJson} as settings.json if given. */
    public static SmallDisk readOnly(Path dir, String settingsJson) throws Exception {
        SmallDisk disk = mount(dir, "size=64k");
        try {
            if (settingsJson != null) {
                Files.writeString(dir.resolve("settings.json"), settingsJson);
            }
            run("mount", "-o", "remount,ro", dir.toString());
        } catch (Exception | Error e) {
            disk.close();
            throw e;
        }
        return disk;
    }

    private static SmallDisk mount(Path dir, String options) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small file system needs root");
        Files.createDirectories(dir);
        Processes.Ended mounted = Processes.run(new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs",
                dir.toString()).redirectErrorStream(true), Duration.ofSeconds(20));
        assumeTrue(mounted.code() == 0, "cannot mount a tmpfs here: " + mounted.out());
        return new SmallDisk(dir);
    }

    private static void run(String... command) throws Exception {
        Processes.Ended ended = Processes.run(new ProcessBuilder(command).redirectErrorStream(true), Duration.ofSeconds(20));
        if (ended.code() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + ended.out());
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        Processes.run(new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true), Duration.ofSeconds(20));
    }
}
