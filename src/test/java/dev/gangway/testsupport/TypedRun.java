package dev.gangway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A command run in a terminal of its own (util-linux's {@code script} gives it a pseudo-terminal,
 * so Java's console and its hidden prompts work), with an answer typed each time a prompt shows,
 * as a user at a terminal would: never before the prompt (the terminal would echo it).
 */
public final class TypedRun {

    private TypedRun() {
    }

    /**
     * Runs {@code inner} (its command and environment), typing {@code answer} and Enter at each of
     * up to {@code times} appearances of {@code prompt}; what the terminal showed, and the exit status.
     */
    public static Processes.Ended run(ProcessBuilder inner, String prompt, String answer, int times, Duration bound)
            throws Exception {
        String line = inner.command().stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", line, "/dev/null").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(inner.environment());
        Process p = pb.start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                byte[] b = new byte[4096];
                int n;
                while ((n = in.read(b)) >= 0) {
                    out.append(new String(b, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the terminal closed
            }
        }, "typed-run");
        reader.setDaemon(true);
        reader.start();
        try {
            for (int i = 1; i <= times; i++) {
                int seen = i;
                try {
                    org.testfx.util.WaitForAsyncUtils.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS,
                            () -> count(out, prompt) >= seen || !p.isAlive());
                } catch (TimeoutException e) {
                    break;
                }
                if (!p.isAlive()) {
                    break;
                }
                p.getOutputStream().write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().flush();
            }
            if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no end within " + bound + "; the terminal shows:\n" + out);
            }
            reader.join(10_000);
            return new Processes.Ended(p.exitValue(), out.toString(), "");
        } finally {
            p.destroyForcibly();
        }
    }

    private static int count(CharSequence text, String what) {
        int n = 0;
        for (int i = text.toString().indexOf(what); i >= 0; i = text.toString().indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
