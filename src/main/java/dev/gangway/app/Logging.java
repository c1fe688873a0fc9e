package dev.gangway.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import dev.gangway.common.PrivateFiles;

/**
 * Where log lines go: every library's (MINA, pty4j, the AWS SDK, JavaFX; slf4j reaches
 * java.util.logging through the binding we ship) and Gangway's own, into a rotating file in the
 * data folder, {@code logs/gangway-0.log} (three of 1 MB, in a 0700 folder). The console gets
 * only what Gangway prints for the user, unless {@code --verbose} asks for the log lines there too.
 * The file is opened on the first line logged, so a start that logs nothing pays nothing.
 */
public final class Logging {

    static final String VERBOSE = "--verbose";
    private static final int FILE_LIMIT = 1 << 20;
    private static final int FILE_COUNT = 3;

    private Logging() {
    }

    /** Sends the log lines to {@code folder} and, when {@code verbose}, to the console too. */
    public static void configure(Path folder, boolean verbose) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new LazyFileHandler(folder));
        if (verbose) {
            ConsoleHandler console = new ConsoleHandler();
            console.setLevel(Level.ALL);
            console.setFormatter(new LogFormat());
            root.addHandler(console);
        }
    }

    /**
     * Whether {@code args} ask for {@value #VERBOSE}, before any {@code --} (after it, the words are a
     * remote command's: {@code gangway ssh web-1 -- rsync --verbose ...}).
     */
    static boolean verbose(List<String> args) {
        for (String arg : args) {
            if ("--".equals(arg)) {
                return false;
            }
            if (VERBOSE.equals(arg)) {
                return true;
            }
        }
        return false;
    }

    /** The file log, made on the first record; if the folder cannot be written, records are dropped. */
    private static final class LazyFileHandler extends Handler {
        private final Path folder;
        private Handler file;
        private boolean failed;

        LazyFileHandler(Path folder) {
            this.folder = folder;
            setLevel(Level.ALL);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (!isLoggable(record) || failed) {
                return;
            }
            if (file == null) {
                try {
                    PrivateFiles.ownDirectory(folder);
                    FileHandler f = new FileHandler(folder.resolve("gangway-%g.log").toString(), FILE_LIMIT, FILE_COUNT,
                            true);
                    f.setFormatter(new LogFormat());
                    f.setEncoding("UTF-8");
                    file = f;
                    try (Stream<Path> logs = Files.list(folder)) {
                        for (Path log : (Iterable<Path>) logs::iterator) {
                            PrivateFiles.ownFile(log); // FileHandler makes them with the umask's mode
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failed = true; // no log file is no reason to bother the user or stop
                    return;
                }
            }
            file.publish(record);
            file.flush();
        }

        @Override
        public synchronized void flush() {
            if (file != null) {
                file.flush();
            }
        }

        @Override
        public synchronized void close() {
            if (file != null) {
                file.close();
            }
        }
    }
}
