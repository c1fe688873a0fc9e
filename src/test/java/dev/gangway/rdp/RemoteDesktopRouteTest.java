package dev.gangway.rdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.gangway.aws.PublicIpResolver;
import dev.gangway.connect.CannotConnect;
import dev.gangway.connect.ConnectContext;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.EndpointTunnels;
import dev.gangway.connect.Tunnel;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.ManagedAgent;
import dev.gangway.testsupport.InstanceBuilder;

/**
 * Remote Desktop to a Windows instance with only a private address: a tunnel carries it (Session
 * Manager, chosen or because its agent is online; an endpoint), and with no tunnel the refusal says
 * what reaches it. No address of the instance's is dialled.
 */
class RemoteDesktopRouteTest {

    final List<String> opened = new ArrayList<>();
    final ConnectContext connect = new ConnectContext(null, PublicIpResolver.fixed("203.0.113.7"),
            ConnectOptions.defaults(), (instance, port, ssh) -> {
                opened.add("ssm " + instance.displayName() + ":" + port);
                return Tunnel.direct("127.0.0.1", 45123);
            }, EndpointTunnels.NONE);

    static Instance privateWindows(ManagedAgent agent) {
        return InstanceBuilder.instance(b -> {
            b.name = "win-private";
            b.platform = GuestOs.WINDOWS;
            b.privateIp = "10.0.1.20";
            b.agent = agent;
        });
    }

    static final ManagedAgent ONLINE = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0",
            "Microsoft Windows Server 2022 Datacenter", null);

    @Test
    void aPrivateOnlyInstanceGoesOverSessionManagerChosenOrAutomatic() throws Exception {
        for (RemoteDesktop.Via via : List.of(RemoteDesktop.Via.SESSION_MANAGER, RemoteDesktop.Via.AUTO)) {
            try (RemoteDesktop.Target t = RemoteDesktop.open(privateWindows(ONLINE), null, null, false,
                    Optional.of("203.0.113.7"), via, connect)) {
                assertThat(t.host()).isEqualTo("127.0.0.1");
                assertThat(t.port()).isEqualTo(45123);
                if (via == RemoteDesktop.Via.AUTO) {
                    assertThat(t.addressKind()).contains("no public address; the instance's agent carries it");
                }
            }
        }
        assertThat(opened).containsExactly("ssm win-private:3389", "ssm win-private:3389");
    }

    @Test
    void withNoTunnelTheRefusalSaysWhatReachesIt() {
        assertThatThrownBy(() -> RemoteDesktop.open(privateWindows(null), null, null, false, Optional.empty(),
                RemoteDesktop.Via.AUTO, connect)).isInstanceOf(CannotConnect.class)
                .hasMessageContaining("has no public address").hasMessageContaining("10.0.1.20");
        assertThat(opened).isEmpty();
    }

    @Test
    void theShellCommandsDryRunThroughATunnelNeedsNoAddress() throws CannotConnect {
        RemoteDesktop.Target t = RemoteDesktop.carried(privateWindows(ONLINE), null, "Session Manager");
        assertThat(t.host()).isEqualTo("127.0.0.1");
        assertThat(t.port()).isEqualTo(3389);
    }
}
