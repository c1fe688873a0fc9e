package dev.gangway.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.boot.CloudConnection;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.instance.Instance;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.settings.SettingsService;
import dev.gangway.settings.SettingsStore;
import dev.gangway.testsupport.SameThreadRunner;

/**
 * Gangway's own SSH terminal over Session Manager (AWS-StartSSHSession) to db-debian, whose port 22
 * is open only inside its VPC: the same login, key and host-key check, carried by the agent.
 */
class SshOverSessionManagerTest {

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
        shells = new ShellOpener(new ConnectTasks(cloud.connectContext(), new SameThreadRunner(), settings));
    }

    @AfterAll
    static void stop() {
        shells.close();
        settings.close();
        cloud.close();
    }

    @Test
    void aTerminalOpensWithTheHostKeyCheckedForTheInstanceAndItsSessionEndsWithIt() throws Exception {
        ShellOpener.Opened opened = open();
        SshPlanner.Plan plan = opened.plan();
        assertThat(plan.addressKind()).isEqualTo("Session Manager");
        assertThat(plan.target().host()).isEqualTo(db.id());
        assertThat(cloud.sandboxCloud().world().ssmSessions("us-east-1")).hasSize(1);
        String typed = "echo over-ssm-$((6*7))\n";
        opened.shell().input().write(typed.getBytes(StandardCharsets.UTF_8));
        opened.shell().input().flush();
        assertThat(readUntil(opened.shell().output(), "over-ssm-42")).contains("over-ssm-42");
        List<String> recorded = Files.readAllLines(knownHosts());
        assertThat(recorded).hasSize(1);

        // Closing the terminal ends the Session Manager session that carried it.
        opened.shell().close();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> cloud.sandboxCloud().world().ssmSessions("us-east-1").isEmpty());

        // Another session, another local port: the same entry, nothing asked, nothing added.
        open().shell().close();
        assertThat(Files.readAllLines(knownHosts())).isEqualTo(recorded);

        // A different key under the instance's name is refused as a changed key.
        Path other = home.resolve("other");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()).start().waitFor();
        Files.writeString(knownHosts(), recorded.get(0).split(" ")[0] + " "
                + Files.readString(Path.of(other + ".pub")).strip() + "\n");
        AtomicReference<Throwable> failed = new AtomicReference<>();
        shells.open(db, o -> o.withSessionManager(true), ConnectQuestions.NONE, 80, 24,
                o -> o.shell().close(), failed::set);
        assertThat(failed.get()).isNotNull();
        assertThat(failed.get().getMessage()).contains("has changed");
        Files.write(knownHosts(), recorded);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> cloud.sandboxCloud().world().ssmSessions("us-east-1").isEmpty());

        // No SSH server where the agent dials: said as such, not as a refused key.
        int dead;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = gone.getLocalPort();
        }
        cloud.sandboxCloud().world().exposeService(db.id(), db.sshPort(), dead);
        failed.set(null);
        shells.open(db, o -> o.withSessionManager(true), ConnectQuestions.NONE, 80, 24, o -> o.shell().close(),
                failed::set);
        assertThat(failed.get()).isNotNull();
        assertThat(failed.get().getMessage()).contains("ended before an SSH server answered")
                .contains("listens on port " + db.sshPort());
    }

    private static Path knownHosts() {
        return cloud.sandboxCloud().knownHostsFile();
    }

    private static ShellOpener.Opened open() {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicReference<ShellOpener.Opened> opened = new AtomicReference<>();
        shells.open(db, o -> o.withSessionManager(true), ConnectQuestions.NONE, 80, 24, opened::set, failed::set);
        assertThat(failed.get()).isNull();
        assertThat(opened.get()).isNotNull();
        return opened.get();
    }

    /** What the shell printed, up to and including {@code wanted} (its echo of the command first, then the output). */
    static String readUntil(InputStream in, String wanted) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        String text = "";
        // The typed line echoes "over-ssm-$((6*7))"; only the shell's answer has the digits.
        while (!text.contains(wanted)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            seen.write(buffer, 0, n);
            text = seen.toString(StandardCharsets.UTF_8);
        }
        return text;
    }
}
