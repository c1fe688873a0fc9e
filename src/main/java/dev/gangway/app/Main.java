package dev.gangway.app;

import dev.gangway.cli.GangwayCommand;
import dev.gangway.cloud.AwsWarmup;

/**
 * The single entry point: {@code gangway} alone opens the window; {@code gangway <command>} runs in
 * the shell. Not the JavaFX Application class, so JavaFX on the classpath starts without a launcher.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length > 0 ? args[0] : null;
        if ("list".equals(command)) {
            // Overlaps the AWS SDK's one-time set-up with parsing the command line (README, Performance).
            AwsWarmup.start();
        }
        int code = GangwayCommand.commandLine(GuiLauncher::launch, command).execute(args);
        System.exit(code);
    }
}
