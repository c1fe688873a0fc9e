package dev.gangway.rdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.gangway.common.ChildEnvironment;
import dev.gangway.common.HostOs;
import dev.gangway.common.PrivateFiles;

/**
 * Carries out a {@link LaunchPlan}: writes the .rdp file (0600, in a folder of its own, 0700), hands
 * the password over as the plan says, starts the client, and deletes the file (and removes a stored
 * credential) once the client has had time to read it, when it exits, or when Gangway exits.
 */
public final class RdpRunner {

    /** The Windows Credential Manager, or a stand-in where there is none. */
    public interface CredentialStore {
        void store(String target, String user, char[] password) throws IOException;

        void remove(String target);

        /** CredWriteW on Windows; elsewhere plans never ask for it. */
        static CredentialStore system() {
            return HostOs.current() == HostOs.WINDOWS ? new WindowsCredentialManager()
                    : new CredentialStore() {
                        @Override
                        public void store(String target, String user, char[] password) throws IOException {
                            throw new IOException("There is no Windows Credential Manager on this system.");
                        }

                        @Override
                        public void remove(String target) {
                        }
                    };
        }
    }

    /** A started client; {@code cleanedUp} completes once its file is gone and its credential removed. */
    public record Launched(Process process, CompletableFuture<Void> cleanedUp, ClientOutput output) {
    }

    /**
     * The last line a client printed (FreeRDP's "failed to open display", its connection errors):
     * what says why a client gave up at once. The client writes to a file of its own in the private
     * folder, not to a pipe: a pipe would break when `gangway rdp` exits while the session goes on.
     * The file is read through a stream opened at the start, after the file itself is removed too.
     */
    public static final class ClientOutput implements AutoCloseable {
        /** The file's name in the private folder. */
        static final String FILE = "client-output.txt";
        private static final int KEPT = 4096;
        private static final int MAX = 300;
        private final InputStream in;
        private final StringBuilder tail = new StringBuilder();

        ClientOutput(InputStream in) {
            this.in = in;
        }

        /** None kept (where a client's output is dropped). */
        private static final ClientOutput NONE = new ClientOutput(null);

        /**
         * Its last non-blank line so far, control characters and FreeRDP's log prefix removed, at
         * most 300 characters; empty when it printed none.
         */
        public synchronized String lastLine() {
            if (in != null) {
                try {
                    byte[] read = in.readAllBytes(); // to the file's current end
                    tail.append(new String(read, StandardCharsets.UTF_8));
                    if (tail.length() > KEPT) {
                        tail.delete(0, tail.length() - KEPT);
                    }
                } catch (IOException e) {
                    // what was read is kept
                }
            }
            String[] lines = tail.toString().split("\\R");
            for (int i = lines.length - 1; i >= 0; i--) {
                // FreeRDP's log prefix ("[05:11:53:418] [20789:20789] [ERROR][com.freerdp...] - ") says nothing to the user.
                String clean = lines[i].replaceAll("\\p{Cntrl}", "")
                        .replaceFirst("^\\[[^]]*] \\[[^]]*] \\[[A-Z]+]\\[[^]]*] - ", "").strip();
                if (!clean.isEmpty()) {
                    return clean.length() > MAX ? clean.substring(0, MAX) + "…" : clean;
                }
            }
            return "";
        }

        /** Stops reading: once what was said is read, or not wanted (the window reads none). */
        @Override
        public void close() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // nothing to do
                }
            }
        }
    }

    /** Time for a client to read its file (and mstsc to take its credential) before both are removed. */
    public static final Duration READ_TIME = Duration.ofSeconds(30);

    /** Clean-ups still to run, also at exit. */
    private static final Set<Runnable> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(Runnable::run), "gangway-rdp-cleanup"));
    }

    private final CredentialStore credentials;
    private final Duration readTime;

    public RdpRunner(CredentialStore credentials, Duration readTime) {
        this.credentials = credentials;
        this.readTime = readTime;
    }

    /** A folder of .rdp files older than this was left by a Gangway that could not remove it (killed, crashed). */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    /**
     * Removes the .rdp folders ({@code gangway-rdp-*}, this user's, older than {@link #LEFTOVER_AGE})
     * that a Gangway killed before it could remove them left in {@code tmp}; a live one is at most
     * {@link #READ_TIME} old. Returns those removed; one that cannot be removed is left alone.
     */
    public static List<Path> removeLeftovers(Path tmp, Instant now) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "gangway-rdp-*")) {
            UserPrincipal me = tmp.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            for (Path dir : dirs) {
                try {
                    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                            || me != null && !Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(me)
                            || Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant()
                                    .isAfter(now.minus(LEFTOVER_AGE))) {
                        continue;
                    }
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                        for (Path f : files) {
                            Files.delete(f);
                        }
                    }
                    Files.delete(dir);
                    removed.add(dir);
                } catch (IOException e) {
                    // Another user's, or in use: left alone.
                }
            }
        } catch (IOException e) {
            // No temporary folder to look in.
        }
        return removed;
    }

    /** As above, in the JVM's temporary folder, now. */
    public static List<Path> removeLeftovers() {
        return removeLeftovers(Path.of(System.getProperty("java.io.tmpdir")), Instant.now());
    }

    /** Where a new .rdp file goes: {@code <name>.rdp} in a new folder only the user can open. */
    public static Path newRdpFile(String name) throws IOException {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempDirectory("gangway-rdp-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory("gangway-rdp-");
        return dir.resolve((safe.isEmpty() ? "instance" : safe) + ".rdp");
    }

    /**
     * Starts the client of {@code plan}. The password is used as the plan says (standard input or
     * the credential store; for {@link LaunchPlan.Handover#CLIPBOARD} not at all) and not kept.
     */
    public Launched launch(LaunchPlan plan, char[] password) throws IOException {
        Path file = plan.rdpFile();
        Runnable cleanup = cleanup(plan);
        PENDING.add(cleanup);
        try {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try {
                Files.write(file, plan.rdp().bytes());
            } catch (IOException e) {
                throw PrivateFiles.naming(file, e);
            }
            if (plan.password() == LaunchPlan.Handover.CREDENTIAL_STORE) {
                credentials.store(plan.credentialTarget(), plan.rdp().user(), password);
            }
            Path output = file.resolveSibling(ClientOutput.FILE);
            if (posix) {
                PrivateFiles.createIfMissing(output);
            }
            Process process;
            try {
                process = ChildEnvironment.apply(new ProcessBuilder(plan.command())).redirectErrorStream(true)
                        .redirectOutput(posix ? ProcessBuilder.Redirect.appendTo(output.toFile())
                                : ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IOException("Could not start " + plan.client() + " (" + plan.command().get(0) + "): "
                        + e.getMessage(), e);
            }
            try (OutputStream stdin = process.getOutputStream()) {
                if (plan.password() == LaunchPlan.Handover.STDIN) {
                    writeLine(stdin, password);
                }
            } catch (IOException e) {
                // The client ended before reading (it failed to start); its exit says more than this.
            }
            ClientOutput said = posix ? new ClientOutput(Files.newInputStream(output)) : ClientOutput.NONE;
            CompletableFuture<Void> done = new CompletableFuture<>();
            Runnable once = () -> {
                cleanup.run();
                PENDING.remove(cleanup);
                done.complete(null);
            };
            process.onExit().thenRun(once);
            CompletableFuture.delayedExecutor(readTime.toMillis(), TimeUnit.MILLISECONDS).execute(once);
            return new Launched(process, done, said);
        } catch (IOException | RuntimeException e) {
            cleanup.run();
            PENDING.remove(cleanup);
            throw e;
        }
    }

    /** Deletes the file and its folder and removes a stored credential; runs once, whatever calls it first. */
    private Runnable cleanup(LaunchPlan plan) {
        AtomicBoolean ran = new AtomicBoolean();
        return () -> {
            if (!ran.compareAndSet(false, true)) {
                return;
            }
            if (plan.password() == LaunchPlan.Handover.CREDENTIAL_STORE) {
                credentials.remove(plan.credentialTarget());
            }
            try {
                Files.deleteIfExists(plan.rdpFile());
                Files.deleteIfExists(plan.rdpFile().resolveSibling(ClientOutput.FILE));
                Path dir = plan.rdpFile().getParent();
                if (dir != null && dir.getFileName().toString().startsWith("gangway-rdp-")) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                // Left in the user's private temporary folder; it holds no password.
            }
        };
    }

    /** The password and a newline as UTF-8 bytes, zeroed once written. */
    private static void writeLine(OutputStream out, char[] password) throws IOException {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining() + 1];
        encoded.get(bytes, 0, encoded.remaining());
        bytes[bytes.length - 1] = '\n';
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            out.write(bytes);
            out.flush();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
