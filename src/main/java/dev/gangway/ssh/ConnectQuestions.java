package dev.gangway.ssh;

import java.nio.file.Path;
import java.util.Optional;

import dev.gangway.cloud.Instance;

/**
 * What connecting to an instance may have to ask the user: the window answers with dialogs, a
 * shell command on its terminal (or not at all, without one).
 */
public interface ConnectQuestions extends HostKeyPrompt {

    /** The user to log in as when the AMI does not say; empty to give up. */
    Optional<String> loginUser(Instance instance);

    /** A private key file when none was found; {@code why} says what was looked for. Empty to give up. */
    Optional<Path> keyFile(Instance instance, String why);

    /** The passphrase of {@code file}, zeroed by the caller; null to give up. */
    char[] passphrase(Path file, int attempt);
}
