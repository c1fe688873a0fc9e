package dev.gangway.connect.keys;

import java.nio.file.Path;

import dev.gangway.common.UserFacing;

/** A private key file that cannot be used, with a message that says what to do about it. */
public final class KeyFileException extends Exception implements UserFacing {

    /** What is wrong with the file. */
    public enum Problem {
        /** Missing, a folder, or not readable by this user. */
        UNREADABLE,
        /** Readable, but no private key Gangway understands (or damaged). */
        NOT_A_KEY,
        /** Protected by a passphrase and none was given. */
        NEEDS_PASSPHRASE,
        /** Protected by a passphrase and the one given does not open it. */
        WRONG_PASSPHRASE
    }

    private final Path file;
    private final Problem problem;

    KeyFileException(Path file, Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public Problem problem() {
        return problem;
    }
}
