package dev.gangway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/** Private key files with a passphrase, made at test time by ssh-keygen from an unlocked one. */
public final class LockedKeys {

    private LockedKeys() {
    }

    /** A 0600 copy of {@code key} at {@code copy}, locked with {@code passphrase}. */
    public static Path lockedCopy(Path key, Path copy, String passphrase) throws Exception {
        Files.copy(key, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        assertThat(Processes.run(new ProcessBuilder("ssh-keygen", "-q", "-p", "-P", "", "-N", passphrase, "-f",
                copy.toString()), Duration.ofSeconds(30)).code()).isZero();
        return copy;
    }
}
