package dev.gangway.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read (0600 in 0700 folders), written atomically: a temporary file in
 * the same folder, then a move over the target, so a crash never leaves half a file behind.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates the folder (and parents) if needed; a folder Gangway creates is private to the user. */
    public static Path directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (POSIX) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
            } catch (FileAlreadyExistsException e) {
                // created meanwhile by another thread or process: fine
            }
            return dir;
        }
        return Files.createDirectories(dir);
    }

    /**
     * As {@link #directory(Path)}, for a folder that is Gangway's alone (the sandbox's, the logs'):
     * one that already exists, made by an older version or by hand, is made private (0700) too.
     */
    public static Path ownDirectory(Path dir) throws IOException {
        directory(dir);
        if (POSIX && !Files.getPosixFilePermissions(dir).equals(DIR)) {
            Files.setPosixFilePermissions(dir, DIR);
        }
        return dir;
    }

    /** Whether only its owner can open {@code path} (always true where the file system has no POSIX modes). */
    public static boolean isPrivate(Path path) throws IOException {
        if (!POSIX) {
            return true;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
        return perms.stream().noneMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
    }

    /** Makes a new empty file readable by its owner only (0600); an existing one is left as it is. */
    public static void createIfMissing(Path file) throws IOException {
        try {
            if (POSIX) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by ssh or another Gangway: theirs stays as it is
        }
    }

    /** Makes an existing file of Gangway's readable by its owner only (0600), if it is not already. */
    public static void ownFile(Path file) throws IOException {
        if (POSIX && !Files.getPosixFilePermissions(file).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Writes {@code content} to {@code target}, readable by the owner only, replacing it atomically. */
    /**
     * {@code e} as a failure to write {@code file}: a full disk says only "No space left on device",
     * so the file is named for the user (see ErrorMessages.diskProblem). One that names its file already is kept.
     */
    public static IOException naming(Path file, IOException e) {
        if (e instanceof FileSystemException) {
            return e;
        }
        return (IOException) new FileSystemException(file.toString(), null, e.getMessage()).initCause(e);
    }

    /** The rename itself made durable: the folder's entry forced to the disk (POSIX; elsewhere a no-op). */
    private static void forceFolder(Path dir) {
        if (!POSIX) {
            return;
        }
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a folder: the rename still happened, only not forced.
        }
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = directory(target.toAbsolutePath().getParent());
        Path tmp;
        try {
            tmp = POSIX
                    ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                    : Files.createTempFile(dir, "." + target.getFileName(), ".tmp", new FileAttribute<?>[0]);
        } catch (FileSystemException e) {
            // Said about the file the user knows, not the temporary name beside it.
            FileSystemException named = e instanceof AccessDeniedException
                    ? new AccessDeniedException(target.toString(), null, e.getReason())
                    : new FileSystemException(target.toString(), null, e.getReason());
            throw (IOException) named.initCause(e);
        }
        try {
            // Written and forced to the disk before it takes the old file's place: a crash or a
            // power cut leaves the old content or the new, never an empty or partial file.
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            } catch (IOException e) {
                throw naming(target, e);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceFolder(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
