package dev.gangway.allowip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.testsupport.CliRunner;

/** {@code gangway allow-my-ip}: the change said before it is made, the rule gone at Ctrl+C, kept with --keep. */
class AllowMyIpCommandTest {

    @TempDir
    Path home;
    final AtomicReference<AllowMyIpCommand> command = new AtomicReference<>();
    final CliRunner<AllowMyIpCommand> cli = new CliRunner<>("allow-my-ip", AllowMyIpCommand.class, command::set);

    @BeforeEach
    void isolate() {
        System.setProperty("gangway.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("gangway.home");
    }

    Path journal() {
        return home.resolve("data").resolve("sandbox").resolve("temporary-rules.json");
    }

    @Test
    void theRuleIsSaidFirstRecordedWhileItLastsAndRemovedAtCtrlC() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("db-debian", "--port", "22"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> cli.out().contains("Press Ctrl+C") || exit.isDone());
        assertThat(cli.out()).as(cli.err()).contains("Adding to db-debian (i-")
                .contains(": inbound TCP 22 from 127.0.0.1/32 in sg-").contains("(db-internal), described \"Gangway ")
                .contains("Added. Press Ctrl+C to remove it.");
        assertThat(Files.readString(journal())).contains("\"cidr\" : \"127.0.0.1/32\"");
        command.get().stop.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(cli.out()).contains("Removed TCP 22 from 127.0.0.1/32");
        assertThat(Files.readString(journal())).doesNotContain("127.0.0.1/32");
    }

    @Test
    void keepAddsAndLeavesItUnrecorded() throws Exception {
        assertThat(cli.run("db-debian", "--port", "2222", "--keep")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Added. It stays until you remove it");
        assertThat(Files.exists(journal()) ? Files.readString(journal()) : "").doesNotContain("2222");
    }

    /** A rule the address already has changes nothing: api-ubuntu's group opens its SSH port to 127.0.0.1/32 itself. */
    @Test
    void aRuleThatIsThereAlreadyChangesNothing() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("api-ubuntu"));
        try {
            assertThat(exit.get(60, TimeUnit.SECONDS)).as(cli.out() + cli.err()).isZero();
        } finally {
            command.get().stop.countDown();
        }
        assertThat(cli.out()).contains("That rule is there already: nothing changed.");
    }
}
