package dev.gangway.lifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.testsupport.CliRunner;

/** {@code gangway start|stop|reboot}: nothing without asking (or --yes), and said when it cannot be done. */
class LifecycleCommandTest {

    @TempDir
    Path home;

    @BeforeEach
    void isolate() {
        System.setProperty("gangway.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("gangway.home");
    }

    @Test
    void withYesItIsDoneAndSaid() {
        CliRunner<LifecycleCommand.Stop> stop = new CliRunner<>("stop", LifecycleCommand.Stop.class, c -> { });
        assertThat(stop.run("web-1", "--yes")).as(stop.err()).isZero();
        assertThat(stop.out()).startsWith("Stopping web-1 (i-");
        CliRunner<LifecycleCommand.Start> start = new CliRunner<>("start", LifecycleCommand.Start.class, c -> { });
        assertThat(start.run("rhel-batch", "-y")).as(start.err()).isZero();
        assertThat(start.out()).startsWith("Starting rhel-batch (i-").contains("a minute or so");
        CliRunner<LifecycleCommand.Reboot> reboot = new CliRunner<>("reboot", LifecycleCommand.Reboot.class, c -> { });
        assertThat(reboot.run("web-1", "--yes")).as(reboot.err()).isZero();
        assertThat(reboot.out()).startsWith("Rebooting web-1");
    }

    @Test
    void startWithWaitReturnsOnceItRunsAndForWindowsOnceItsPasswordIsMade() {
        CliRunner<LifecycleCommand.Start> start = new CliRunner<>("start", LifecycleCommand.Start.class, c -> { });
        assertThat(start.run("rhel-batch", "--yes", "--wait")).as(start.err()).isZero();
        assertThat(start.err()).contains("Waiting for rhel-batch (i-").doesNotContain("password");
        assertThat(start.out()).contains("rhel-batch (i-").contains(") is running.");
        CliRunner<LifecycleCommand.Start> windows = new CliRunner<>("start", LifecycleCommand.Start.class, c -> { });
        assertThat(windows.run("sydney-win", "--yes", "--wait")).as(windows.err()).isZero();
        assertThat(windows.err()).contains("Waiting for Windows on sydney-win (i-").contains("to make its password");
        assertThat(windows.out()).contains("is running and its password is ready.");
    }

    @Test
    void withoutATerminalToAskOnAndNoYesNothingIsDone() {
        CliRunner<LifecycleCommand.Stop> stop = new CliRunner<>("stop", LifecycleCommand.Stop.class, c -> { });
        assertThat(stop.run("web-1")).isEqualTo(2);
        assertThat(stop.err()).contains("Stop web-1 (i-").contains("Nothing was done: add --yes");
        assertThat(stop.out()).isEmpty();
    }

    @Test
    void whatCannotBeDoneInThisStateIsSaid() {
        CliRunner<LifecycleCommand.Reboot> reboot = new CliRunner<>("reboot", LifecycleCommand.Reboot.class, c -> { });
        assertThat(reboot.run("rhel-batch", "--yes")).isEqualTo(1);
        assertThat(reboot.err()).contains("rhel-batch (i-").contains("is stopped: only a running instance can be "
                + "rebooted.");
        CliRunner<LifecycleCommand.Stop> stop = new CliRunner<>("stop", LifecycleCommand.Stop.class, c -> { });
        assertThat(stop.run("on-prem-build", "--yes")).isEqualTo(1);
        assertThat(stop.err()).contains("managed node outside EC2");
    }
}
