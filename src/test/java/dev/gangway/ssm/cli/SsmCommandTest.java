package dev.gangway.ssm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.testsupport.CliRunner;

/** {@code gangway ssm INSTANCE -- COMMAND} against the sandbox: the command's output, errors and exit status. */
class SsmCommandTest {

    @TempDir
    Path home;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final CliRunner<SsmCommand> cli = new CliRunner<>("ssm", SsmCommand.class, c -> {
        c.console = null;
        c.remoteOut = out;
        c.remoteErr = err;
    });

    @BeforeEach
    void isolate() {
        System.setProperty("gangway.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("gangway.home");
    }

    @Test
    void aCommandRunsOnAnInstanceWithNoOpenPortAndItsAnswerComesBack() {
        assertThat(cli.run("db-debian", "--", "echo", "$((6*7))")).as(cli.err()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("42\n");
    }

    @Test
    void theCommandsErrorsAndExitStatusAreItsOwn() {
        assertThat(cli.run("web-1", "--", "echo oops >&2; exit 3")).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anInstanceWhoseAgentIsOfflineSaysWhatToFix() {
        assertThat(cli.run("rhel-batch", "--", "true")).isEqualTo(1);
        assertThat(cli.err()).contains("rhel-batch").contains("TargetNotConnected")
                .contains("instance profile").contains("ssmmessages");
    }

    @Test
    void withoutATerminalACommandIsNeeded() {
        assertThat(cli.run("web-1")).isEqualTo(2);
        assertThat(cli.err()).contains("give the command to run after --");
    }
}
