package dev.gangway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import dev.gangway.connect.CannotConnect;

/** Every command's failures end the same way: one line on stderr, the documented exit code, no stack trace. */
class ExitCodeHandlerTest {

    @Command(name = "probe")
    static final class Failing implements Callable<Integer> {
        final Exception failure;

        Failing(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    private final StringWriter err = new StringWriter();

    private int run(Exception failure) {
        CommandLine cl = new CommandLine(new Failing(failure));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new ExitCodeHandler());
        return cl.execute();
    }

    @Test
    void aFailureWrittenForTheUserIsShownAsItIs() {
        assertThat(run(new CannotConnect("web-1 is stopped. Start it first."))).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).isEqualTo("gangway: web-1 is stopped. Start it first." + System.lineSeparator());
    }

    @Test
    void aCommandFailureEndsWithItsOwnCodeAndSaysNothingTwice() {
        assertThat(run(new CommandFailure(ExitCodes.USAGE, "unknown profile 'x'."))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("gangway: unknown profile 'x'.");
        err.getBuffer().setLength(0);
        assertThat(run(new CommandFailure(ExitCodes.FAILED, null))).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anUnexpectedFailureNamesItsKindAndTheLogButShowsNoStackTrace() {
        assertThat(run(new IllegalStateException("boom"))).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).startsWith("gangway: unexpected failure (IllegalStateException: boom).")
                .contains("logs/gangway-0.log").doesNotContain("\tat ").doesNotContain("Exception\n");
        assertThat(err.toString().lines()).hasSize(1);
    }
}
