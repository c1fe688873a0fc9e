package dev.gangway.connect;

import java.nio.file.Path;
import java.util.Optional;

import dev.gangway.instance.Instance;

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

    /** Asks nothing and trusts no unverified host key: for callers with nobody to ask. */
    ConnectQuestions NONE = new ConnectQuestions() {
        @Override
        public Optional<String> loginUser(Instance instance) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> keyFile(Instance instance, String why) {
            return Optional.empty();
        }

        @Override
        public char[] passphrase(Path file, int attempt) {
            return null;
        }

        @Override
        public boolean trustUnknownKey(String host, int port, String keyType, String fingerprint) {
            return false;
        }
    };
}
