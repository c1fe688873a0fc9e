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

    /** What a connection may lack when nobody answered: the login user, a key file. */
    enum Given {
        USER,
        KEY
    }

    /**
     * The sentence that ends a message when {@code what} was not given and not answered: where the
     * user gives it. In a shell its option (issue 27: "Give the user." named none); the window
     * names its dialog.
     */
    default String howToGive(Given what) {
        return switch (what) {
            case USER -> "Give it with --user (or -l).";
            case KEY -> "Give it with --key (or -i).";
        };
    }

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
