package dev.gangway.app;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.logging.Logger;

import dev.gangway.aws.AwsWarmup;
import dev.gangway.boot.AppDirs;

/**
 * The single entry point: {@code gangway} alone opens the window; {@code gangway <command>} runs in
 * the shell. Not the JavaFX Application class, so JavaFX on the classpath starts without a launcher.
 */
public final class Main {

    static final String XML_INPUT_FACTORY = "javax.xml.stream.XMLInputFactory";
    static final String MINA_BC = "org.apache.sshd.security.provider.BC.enabled";

    private Main() {
    }

    public static void main(String[] args) {
        chooseXmlParser();
        keepMinaOffBouncyCastleProvider();
        boolean verbose = Logging.verbose(Arrays.asList(args));
        Logging.configure(AppDirs.detect().data().resolve("logs"), verbose);
        if (verbose) {
            // Which start-up archive served (the launchers pick one per command): worth a look when a
            // command starts slowly.
            Logger.getLogger(Main.class.getName()).info("JVM up " + ManagementFactory.getRuntimeMXBean().getUptime()
                    + " ms, class cache " + ClassCache.inUse());
        }
        String command = command(args);
        if ("list".equals(command)) {
            // Overlaps the AWS SDK's one-time set-up with parsing the command line (README, Performance).
            AwsWarmup.start();
        }
        GangwayCommand window = GangwayCommand.windowOnly(GuiLauncher::launch, args);
        int code = window != null ? window.call() : GangwayCommand.commandLine(GuiLauncher::launch, command).execute(args);
        System.exit(code);
    }

    /**
     * The command's name: the first word that is not an option ({@code gangway --verbose ssh web-1}
     * is {@code ssh}); null when there is none.
     */
    static String command(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
            if ("--".equals(arg)) {
                return null;
            }
        }
        return null;
    }

    /**
     * MINA registers Bouncy Castle as a JCE provider on its first use unless told not to, and the
     * provider's set-up loads some 600 classes (from jars that were then signed, which no
     * class-data-sharing archive may hold): 200 ms of every `gangway ssh` (issue 25). The JDK's providers do all an SSH client
     * needs (AES, ChaCha20, HMAC, RSA, ECDSA, X25519; Ed25519 through EdDSA's provider), and Bouncy
     * Castle's own classes still serve where MINA and Gangway call them directly (NTRU Prime, ML-KEM,
     * PEM writing). The tests run the same way (pom.xml). A value given with {@code -D} wins.
     */
    static void keepMinaOffBouncyCastleProvider() {
        if (System.getProperty(MINA_BC) == null) {
            System.setProperty(MINA_BC, "false");
        }
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
