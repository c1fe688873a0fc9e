package dev.gangway.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process run to its end within a bound: its output read on threads of its own (so a full
 * pipe never stalls it), and a process that outlives the bound killed and reported with what it
 * printed, instead of a read with no end holding up the whole build.
 */
public final class Processes {

    /** What a process printed and how it ended. */
    public record Ended(int code, String out, String err) {
    }

    private Processes() {
    }

    /** Waits for {@code p} (already started, its input written or closed) at most {@code bound}. */
    public static Ended await(Process p, Duration bound) throws InterruptedException {
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(p.info().command().orElse("a process") + " did not end within "
                    + bound.toSeconds() + " s; it printed: " + text(out) + text(err));
        }
        return new Ended(p.exitValue(), text(out), text(err));
    }

    /** Starts {@code pb} with its input closed and waits at most {@code bound}. */
    public static Ended run(ProcessBuilder pb, Duration bound) throws IOException, InterruptedException {
        Process p = pb.start();
        p.getOutputStream().close();
        return await(p, bound);
    }

    /** The stream read to its end on a thread of its own (not a shared pool another wait could starve). */
    private static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (IOException e) {
                // The process was killed: keep what came.
            }
            bytes.complete(all.toByteArray());
        }, "test-process-reader");
        reader.setDaemon(true);
        reader.start();
        return bytes;
    }

    private static String text(CompletableFuture<byte[]> bytes) {
        try {
            return new String(bytes.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        } catch (UncheckedIOException e) {
            return "";
        }
    }
}
