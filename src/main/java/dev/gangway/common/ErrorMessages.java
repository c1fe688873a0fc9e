package dev.gangway.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The text a user sees for a failure. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    /**
     * The message of the failure itself, unwrapped from the executor's wrappers; its type when it
     * has none; a full disk or a read-only folder in words (see {@link #diskProblem}).
     */
    public static String message(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        Optional<String> disk = e instanceof UserFacing ? Optional.empty() : diskProblem(e);
        if (disk.isPresent()) {
            return disk.get();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * A file Gangway could not write because the disk is full, its file system is read-only or the
     * folder is not the user's, said with what to do; empty for any other failure.
     */
    public static Optional<String> diskProblem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!(t instanceof IOException io)) {
                continue;
            }
            String file = io instanceof FileSystemException f && f.getFile() != null ? f.getFile() : null;
            String what = file == null ? "a file" : file;
            String said = String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT);
            String temporary = file != null && isTemporary(file)
                    ? " (in Java's temporary folder: -Djava.io.tmpdir in JDK_JAVA_OPTIONS moves it)" : "";
            if (said.contains("no space left") || said.contains("disk full") || said.contains("not enough space")) {
                return Optional.of("Could not write " + what + temporary + ": the disk is full. Free some space, then "
                        + "try again.");
            }
            if (said.contains("read-only file system")) {
                return Optional.of("Could not write " + what + temporary + ": its file system is read-only. Point "
                        + "GANGWAY_HOME at a folder you can write.");
            }
            if (io instanceof AccessDeniedException) {
                return Optional.of("Could not use " + what + temporary + ": permission denied. Check that the "
                        + "folder is yours, or point GANGWAY_HOME at one that is.");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code file} is in one of Gangway's own folders in the temporary folder (gangway-*). */
    private static boolean isTemporary(String file) {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath().normalize();
            Path p = Path.of(file).toAbsolutePath().normalize();
            return p.startsWith(tmp) && p.getNameCount() > tmp.getNameCount()
                    && p.getName(tmp.getNameCount()).toString().startsWith("gangway-");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
