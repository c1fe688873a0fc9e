package dev.gangway.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.boot.CloudConnection;
import dev.gangway.connect.ConnectContext;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.connect.Via;
import dev.gangway.eice.EiceTunnels;
import dev.gangway.instance.Instance;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.settings.SettingsService;
import dev.gangway.settings.SettingsStore;
import dev.gangway.terminal.SessionState;
import dev.gangway.testsupport.SameThreadRunner;

/**
 * Gangway's terminal through the sandbox's Instance Connect Endpoint to db-debian (private address
 * only), with the endpoint keeping each connection 5 s instead of AWS's hour: when the endpoint ends
 * it, the terminal says that this is the endpoint's limit and offers to reconnect, and reconnecting
 * works.
 */
class SshThroughEndpointTest {

    static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    static Path home;
    static CloudConnection cloud;
    static Instance db;
    static SettingsService settings;
    static ShellOpener shells;

    @BeforeAll
    static void startSandbox() throws Exception {
        cloud = CloudConnection.sandbox(SandboxOptions.defaults(home.resolve("sandbox")));
        db = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()), List.of()),
                InventoryListener.NONE).instances().stream().filter(i -> "db-debian".equals(i.name())).findFirst()
                .orElseThrow();
        settings = new SettingsService(new SettingsStore(home.resolve("config")));
        ConnectContext usual = cloud.connectContext();
        ConnectContext shortLived = new ConnectContext(usual.access(), usual.publicIp(), usual.defaults(),
                usual.tunnels(), new EiceTunnels(usual.access(), LIMIT));
        shells = new ShellOpener(new ConnectTasks(shortLived, new SameThreadRunner(), settings));
    }

    @AfterAll
    static void stop() {
        shells.close();
        settings.close();
        cloud.close();
    }

    @Test
    void aConnectionTheEndpointEndsAtItsLimitSaysSoAndReconnectingWorks() throws Exception {
        ShellOpener.Opened first = open();
        assertThat(first.plan().addressKind()).contains("Instance Connect Endpoint");
        type(first, "echo through-eice-$((6*7))\n");
        assertThat(SshOverSessionManagerTest.readUntil(first.shell().output(), "through-eice-42")).contains("through-eice-42");

        // The endpoint ends the connection when its time is up; the terminal learns why.
        Integer exit = CompletableFuture.supplyAsync(first.shell()::awaitEnd).get(30, TimeUnit.SECONDS);
        SessionState ended = SessionState.ended(first.shell(), exit, first.shell().connectionOpen());
        assertThat(ended).isInstanceOf(SessionState.Failed.class);
        assertThat(ended.status()).contains("The Instance Connect Endpoint ends each connection after 5 s (its limit)")
                .contains("reconnect");
        assertThat(ended.canReconnect()).isTrue();
        first.shell().close();

        // Reconnect: a new connection through the endpoint, a shell again.
        ShellOpener.Opened again = open();
        type(again, "echo again-$((6*7))\n");
        assertThat(SshOverSessionManagerTest.readUntil(again.shell().output(), "again-42")).contains("again-42");
        again.shell().close();
    }

    private static void type(ShellOpener.Opened opened, String text) throws Exception {
        opened.shell().input().write(text.getBytes(StandardCharsets.UTF_8));
        opened.shell().input().flush();
    }

    private static ShellOpener.Opened open() {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicReference<ShellOpener.Opened> opened = new AtomicReference<>();
        shells.open(db, o -> o.withVia(Via.ENDPOINT), ConnectQuestions.NONE, 80, 24, opened::set, failed::set);
        assertThat(failed.get()).isNull();
        assertThat(opened.get()).isNotNull();
        return opened.get();
    }
}
