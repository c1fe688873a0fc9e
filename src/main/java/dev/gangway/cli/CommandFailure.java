package dev.gangway.cli;

import dev.gangway.common.UserFacing;

/** Ends a command with {@code exitCode}, saying {@code message} (null: it has been said already). */
public final class CommandFailure extends Exception implements UserFacing {

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
