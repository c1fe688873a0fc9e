package dev.gangway.rdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.boot.CloudConnection;
import dev.gangway.common.HostOs;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.instance.Instance;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.settings.SettingsService;
import dev.gangway.settings.SettingsStore;
import dev.gangway.testsupport.FakeRdpServer;
import dev.gangway.testsupport.SameThreadRunner;
import dev.gangway.windowspassword.PasswordFetcher;

/**
 * Remote Desktop to win-app through the Instance Connect Endpoint in its VPC (in another subnet):
 * FreeRDP (under the test's X server) reaches a loopback RDP peer at the instance's private address
 * through the endpoint's tunnel, with the certificate the console output names, and the tunnel's
 * local port closes when the client exits.
 */
class RemoteDesktopThroughEndpointTest {

    @TempDir
    Path home;

    @Test
    void freeRdpGoesThroughTheEndpointAndTheTunnelClosesWhenItExits() throws Exception {
        try (CloudConnection cloud = CloudConnection.sandbox(SandboxOptions.defaults(home.resolve("sandbox"))
                .withSshServers(false));
             FakeRdpServer server = new FakeRdpServer(home);
             SettingsService settings = new SettingsService(new SettingsStore(home.resolve("config")))) {
            Instance win = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()),
                    List.of()), InventoryListener.NONE).instances().stream().filter(i -> "win-app".equals(i.name()))
                    .findFirst().orElseThrow();
            SandboxWorld world = cloud.sandboxCloud().world();
            world.machines().stream().filter(m -> m.id().equals(win.id())).findFirst().orElseThrow()
                    .rdpThumbprint(server.thumbprint);
            world.exposeService(win.id(), 3389, server.port());
            ConnectTasks connections = new ConnectTasks(cloud.connectContext(), new SameThreadRunner(), settings);
            RemoteDesktopStarter starter = new RemoteDesktopStarter(connections,
                    new PasswordFetcher(connections, Clock.systemUTC()), HostOs.LINUX, RdpLaunchers.Probe.system(),
                    new RdpRunner(RdpRunner.CredentialStore.system(), Duration.ofSeconds(30)));

            AtomicReference<RemoteDesktopStarter.Started> started = new AtomicReference<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            starter.remoteDesktop(win, RemoteDesktop.Via.ENDPOINT, ConnectQuestions.NONE, started::set, failed::set);
            assertThat(failed.get()).isNull();
            RemoteDesktopStarter.Started s = started.get();
            s.credentials().close();
            try {
                assertThat(s.target().addressKind()).isEqualTo("Instance Connect Endpoint tunnel to port 3389");
                assertThat(s.rdp().fullAddress()).isEqualTo("127.0.0.1:" + s.target().port());
                assertThat(s.plan().orElseThrow().client()).isEqualTo("FreeRDP");
                // Through the tunnel, FreeRDP finished TLS with the pinned certificate and went on.
                assertThat(server.clientWentOn.get(60, TimeUnit.SECONDS)).isTrue();
                assertThat(world.calls("OpenTunnel")).isPositive();
            } finally {
                s.client().orElseThrow().destroy();
            }
            // The client is gone: so is the tunnel's local port.
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
                try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), s.target().port())) {
                    return false;
                } catch (IOException e) {
                    return true;
                }
            });
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), s.target().port()).close())
                    .isInstanceOf(IOException.class);
        }
    }
}
