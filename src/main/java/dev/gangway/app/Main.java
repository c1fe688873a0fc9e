package dev.gangway.app;

import dev.gangway.cli.GangwayCommand;

/**
 * The single entry point: {@code gangway} alone opens the window; {@code gangway <command>} runs in
 * the shell. Not the JavaFX Application class, so JavaFX on the classpath starts without a launcher.
 */
public final class Main {

    /** Held so the JUL logger (weakly referenced) keeps its level: MINA logs every server start at INFO. */
    private static final java.util.logging.Logger SSHD_LOG = java.util.logging.Logger.getLogger("org.apache.sshd");
    /** JavaFX warns on every start that it runs from the classpath, which is how we ship it (STACK-NOTES). */
    private static final java.util.logging.Logger JAVAFX_LOG =
            java.util.logging.Logger.getLogger("javafx");

    private Main() {
    }

    public static void main(String[] args) {
        SSHD_LOG.setLevel(java.util.logging.Level.WARNING);
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        int code = GangwayCommand.commandLine(GuiLauncher::launch).execute(args);
        System.exit(code);
    }
}
