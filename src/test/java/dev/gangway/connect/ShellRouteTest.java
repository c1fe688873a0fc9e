package dev.gangway.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gangway.connect.Reachability.ShellRoute;
import dev.gangway.instance.Instance;
import dev.gangway.instance.ManagedAgent;
import dev.gangway.instance.PortExposure.Verdict;
import dev.gangway.testsupport.InstanceBuilder;

/** Which way double-click opens a terminal: SSH when it can work, else Session Manager when the agent is online. */
class ShellRouteTest {

    static final ManagedAgent ONLINE = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0", "Amazon Linux", null);
    static final ManagedAgent LOST = new ManagedAgent(ManagedAgent.Ping.CONNECTION_LOST, "3.3.987.0", "Amazon Linux",
            null);
    final ConnectOptions none = new ConnectOptions(null, null, null, null, Path.of("known_hosts"), List.of(), false,
            false);

    static Instance withAgent(ManagedAgent agent, String publicIp) {
        return InstanceBuilder.instance(b -> {
            b.agent = agent;
            b.publicIp = publicIp;
            b.privateIp = "10.0.0.5";
        });
    }

    @Test
    void sshWhenThePortIsOpenToYouAndAKeyIsAtHand() {
        assertThat(Reachability.shellRoute(withAgent(ONLINE, "203.0.113.5"), none, Verdict.OPEN_TO_YOU, true))
                .isEqualTo(ShellRoute.SSH);
        assertThat(Reachability.shellRoute(withAgent(ONLINE, "203.0.113.5"), none, Verdict.OPEN_TO_ANYONE, true))
                .isEqualTo(ShellRoute.SSH);
    }

    @Test
    void sessionManagerWhenSshCannotWorkAndTheAgentIsOnline() {
        Instance open = withAgent(ONLINE, "203.0.113.5");
        assertThat(Reachability.shellRoute(open, none, Verdict.CLOSED, true)).isEqualTo(ShellRoute.SESSION_MANAGER);
        assertThat(Reachability.shellRoute(open, none, Verdict.NOT_OPEN_TO_YOU, true))
                .isEqualTo(ShellRoute.SESSION_MANAGER);
        assertThat(Reachability.shellRoute(open, none, Verdict.OPEN_TO_YOU, false))
                .as("no key at hand").isEqualTo(ShellRoute.SESSION_MANAGER);
        assertThat(Reachability.shellRoute(withAgent(ONLINE, null), none, Verdict.OPEN_TO_ANYONE, true))
                .as("private subnet").isEqualTo(ShellRoute.SESSION_MANAGER);
    }

    @Test
    void sshWhenTheAgentIsNotOnlineOrTheUserChoseHowToReachIt() {
        assertThat(Reachability.shellRoute(withAgent(LOST, null), none, Verdict.CLOSED, false)).isEqualTo(ShellRoute.SSH);
        assertThat(Reachability.shellRoute(withAgent(null, null), none, Verdict.CLOSED, false)).isEqualTo(ShellRoute.SSH);
        ConnectOptions bastion = new ConnectOptions(null, null, "bastion.example", null, Path.of("known_hosts"),
                List.of(), false, false);
        assertThat(Reachability.shellRoute(withAgent(ONLINE, null), bastion, Verdict.CLOSED, false))
                .isEqualTo(ShellRoute.SSH);
        ConnectOptions instanceConnect = new ConnectOptions(null, null, null, null, Path.of("known_hosts"), List.of(),
                true, false);
        assertThat(Reachability.shellRoute(withAgent(ONLINE, "203.0.113.5"), instanceConnect, Verdict.OPEN_TO_YOU,
                false)).as("a key pushed by Instance Connect").isEqualTo(ShellRoute.SSH);
    }

    @Test
    void aManagedNodeOutsideEc2IsAlwaysSessionManager() {
        Instance node = InstanceBuilder.instance(b -> {
            b.id = "mi-0123456789abcdef0";
            b.agent = ONLINE;
        });
        assertThat(Reachability.shellRoute(node, none, Verdict.OPEN_TO_ANYONE, true))
                .isEqualTo(ShellRoute.SESSION_MANAGER);
    }
    /**
     * An instance with no public address is not dialled at its private one unasked (issue 26: the
     * sandbox's rhel-batch, once started, dialled 172.31.30.7 and failed with a message about
     * security groups): the refusal says what reaches it; the private address only when chosen.
     */
    @Test
    void noPublicAddressIsSaidNotDialledAtThePrivateOne() throws CannotConnect {
        Instance privateOnly = withAgent(LOST, null);
        assertThat(Reachability.publicRoute(privateOnly)).isEmpty();
        assertThatThrownBy(() -> Reachability.route(privateOnly, none)).isInstanceOf(CannotConnect.class)
                .hasMessage(privateOnly.label() + " has no public address: it is reachable only from inside its VPC (or "
                        + "over a VPN to it), through an Instance Connect Endpoint in its VPC, or through Session "
                        + "Manager once its SSM agent is online. From inside the VPC, connect to its private address "
                        + "10.0.0.5 (in the window: Login settings…, Private IPv4; in the shell: --private).");
        ConnectOptions chosen = new ConnectOptions(null, null, null, null, Path.of("known_hosts"), List.of(), false,
                true);
        assertThat(Reachability.route(privateOnly, chosen)).isEqualTo(new Route.PrivateIp("10.0.0.5"));
    }
    /** In the sandbox only loopback is dialled: its other addresses are made up (issue 26). */
    @Test
    void theSandboxDialsOnlyLoopback() throws CannotConnect {
        ConnectContext sandbox = new ConnectContext(null, null, none, SessionManagerTunnels.NONE, EndpointTunnels.NONE,
                true);
        Instance madeUp = InstanceBuilder.instance(b -> {
            b.name = "closed-box";
            b.publicDns = "ec2-203-0-113-41.eu-west-3.compute.sandbox.invalid";
        });
        assertThatThrownBy(() -> sandbox.route(madeUp, none)).isInstanceOf(CannotConnect.class)
                .hasMessageContaining("is one the sandbox made up");
        Instance web = InstanceBuilder.instance(b -> b.publicIp = "127.0.0.1");
        assertThat(sandbox.route(web, none).host()).isEqualTo("127.0.0.1");
        assertThat(Reachability.isLoopback("::1")).isTrue();
        assertThat(Reachability.isLoopback("127.0.0.53")).isTrue();
        assertThat(Reachability.isLoopback("localhost")).isTrue();
        assertThat(Reachability.isLoopback("203.0.113.60")).isFalse();
        assertThat(Reachability.isLoopback("127.example.com")).isFalse();
        // Outside the sandbox any address is dialled.
        ConnectContext aws = new ConnectContext(null, null, none);
        assertThat(aws.route(madeUp, none).host()).isEqualTo(madeUp.publicDns());
    }
}
