package dev.gangway.app;

import java.util.Arrays;

import dev.gangway.aws.AwsWarmup;
import dev.gangway.boot.AppDirs;

/**
 * The single entry point: {@code gangway} alone opens the window; {@code gangway <command>} runs in
 * the shell. Not the JavaFX Application class, so JavaFX on the classpath starts without a launcher.
 */
public final class Main {

    static final String XML_INPUT_FACTORY = "javax.xml.stream.XMLInputFactory";

    private Main() {
    }

    public static void main(String[] args) {
        chooseXmlParser();
        Logging.configure(AppDirs.detect().data().resolve("logs"), Logging.verbose(Arrays.asList(args)));
        String command = args.length > 0 ? args[0] : null;
        if ("list".equals(command)) {
            // Overlaps the AWS SDK's one-time set-up with parsing the command line (README, Performance).
            AwsWarmup.start();
        }
        GangwayCommand window = GangwayCommand.windowOnly(GuiLauncher::launch, args);
        int code = window != null ? window.call() : GangwayCommand.commandLine(GuiLauncher::launch, command).execute(args);
        System.exit(code);
    }

    /**
     * Names the StAX parser Gangway ships with (Woodstox, see pom.xml): the SDK looks one up for
     * every thread that parses an answer, and without the name each lookup scans every jar on the
     * classpath, and the choice would depend on their order. A value given with {@code -D} wins.
     */
    static void chooseXmlParser() {
        if (System.getProperty(XML_INPUT_FACTORY) == null) {
            System.setProperty(XML_INPUT_FACTORY, "com.ctc.wstx.stax.WstxInputFactory");
        }
    }
}
