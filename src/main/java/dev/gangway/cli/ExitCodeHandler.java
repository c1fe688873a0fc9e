package dev.gangway.cli;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import dev.gangway.common.ErrorMessages;
import dev.gangway.common.UserFacing;

/**
 * The one place a command's failure becomes a line on stderr and an exit code: a
 * {@link CommandFailure} its own code, a failure written for the user ({@link UserFacing}) 1, and
 * anything unexpected 1 with its kind and a pointer to the log, never a stack trace.
 */
public final class ExitCodeHandler implements IExecutionExceptionHandler {

    private static final Logger LOG = Logger.getLogger(ExitCodeHandler.class.getName());

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        if (ex instanceof CommandFailure f) {
            if (f.getMessage() != null) {
                say(commandLine, f.getMessage());
            }
            return f.exitCode();
        }
        if (ex instanceof UserFacing) {
            say(commandLine, ex.getMessage());
            return ExitCodes.FAILED;
        }
        LOG.log(Level.WARNING, "gangway " + commandLine.getCommandName() + " failed", ex);
        Optional<String> disk = ErrorMessages.diskProblem(ex);
        if (disk.isPresent()) {
            say(commandLine, disk.get());
            return ExitCodes.FAILED;
        }
        String detail = ex.getMessage() == null ? ex.getClass().getSimpleName()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        say(commandLine, "unexpected failure (" + detail + "). The log file in Gangway's data folder "
                + "(logs/gangway-0.log) has the details; --verbose shows them here.");
        return ExitCodes.FAILED;
    }

    private static void say(CommandLine commandLine, String message) {
        commandLine.getErr().println(commandLine.getColorScheme().errorText("gangway: " + message));
    }
}
