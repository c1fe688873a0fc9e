package dev.gangway.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.boot.CloudConnection;
import dev.gangway.connect.CannotConnect;
import dev.gangway.connect.ConnectContext;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.instance.Instance;
import dev.gangway.instanceconnect.InstanceConnectClient;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.settings.Settings;

/** Which address, port and user a login uses, from the instance and what the user set for it (sandbox instances). */
class SshPlannerTest {

    @TempDir
    static Path home;
    static CloudConnection cloud;
    static List<Instance> instances;

    @BeforeAll
    static void startSandbox() throws Exception {
        cloud = CloudConnection.sandbox(SandboxOptions.defaults(home.resolve("sandbox")));
        instances = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()), List.of()),
                InventoryListener.NONE).instances();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static Instance named(String name) {
        return instances.stream().filter(i -> name.equals(i.name())).findFirst().orElseThrow();
    }

    static SshPlanner.Plan plan(Instance instance, Settings settings) throws Exception {
        return SshPlanner.of(cloud.connectContext()).plan(instance, cloud.connectContext().options(instance, settings),
                ConnectQuestions.NONE);
    }

    @Test
    void thePublicAddressAndTheTaggedPortByDefaultThePrivateAddressWhenChosen() throws Exception {
        Instance web = named("web-1");
        SshPlanner.Plan automatic = plan(web, Settings.defaults());
        assertThat(automatic.addressKind()).isEqualTo("public IPv4");
        assertThat(automatic.target().host()).isEqualTo("127.0.0.1");
        assertThat(automatic.target().port()).isEqualTo(web.sshPort());
        assertThat(automatic.target().user()).isEqualTo("ec2-user");

        Settings privateChosen = Settings.defaults()
                .withLogin(web.id(), new Settings.InstanceLogin("admin", 2200, true, null));
        // The sandbox dials only loopback: its private addresses are made up (issue 26).
        assertThatThrownBy(() -> plan(web, privateChosen)).isInstanceOf(CannotConnect.class)
                .hasMessageContaining("is one the sandbox made up");
        // Outside the sandbox the private address is dialled when chosen.
        ConnectContext connect = cloud.connectContext();
        SshPlanner.Plan chosen = new SshPlanner(connect.ec2(), new InstanceConnectClient(connect.access()),
                connect.tunnels(), connect.endpoints()).plan(web, connect.options(web, privateChosen),
                ConnectQuestions.NONE);
        assertThat(chosen.target().host()).isEqualTo(web.privateIp());
        assertThat(chosen.addressKind()).isEqualTo("private IPv4, as you chose");
        assertThat(chosen.target().port()).isEqualTo(2200);
        assertThat(chosen.target().user()).isEqualTo("admin");
        assertThat(chosen.target().label()).isEqualTo("admin@" + web.privateIp() + ":2200");
    }

    @Test
    void theConsoleOutputIsAskedForOnlyUntilKnownHostsKnowsTheHost() throws Exception {
        Instance web = named("web-1");
        var world = cloud.sandboxCloud().world();
        long before = world.calls("GetConsoleOutput");
        try (SshConnector connector = new SshConnector()) {
            SshPlanner.Plan first = plan(web, Settings.defaults());
            try (SshSession session = connector.connect(first.target(), first.identity(), first.hostKeyCheck(),
                    SshConnector.TIMEOUT)) {
                assertThat(first.hostKeyCheck().acceptedBy()).contains(HostKeyCheck.CONSOLE);
            }
            // At least this plan's call (another test's plan may still have had one on its way: each
            // asks at once, in the background, and nothing waits for it there; CI saw 2 once).
            long afterFirst = world.calls("GetConsoleOutput");
            assertThat(afterFirst).isGreaterThan(before);

            SshPlanner.Plan again = plan(web, Settings.defaults());
            try (SshSession session = connector.connect(again.target(), again.identity(), again.hostKeyCheck(),
                    SshConnector.TIMEOUT)) {
                assertThat(again.hostKeyCheck().acceptedBy()).contains("known_hosts");
            }
            assertThat(world.calls("GetConsoleOutput")).as("a host met before costs no call").isEqualTo(afterFirst);
        }
    }

    /**
     * An AWS that takes the console-output call and never answers holds the login at most
     * SshPlanner.CONSOLE_WAIT, inside its timeout: the host is then for known_hosts or the user to
     * decide (here nobody can be asked, so the key is refused, and said so), not a login that
     * times out with a misleading reason. The region's calls stay held until the sandbox stops (a
     * call let go would reach the sandbox later and be counted by another test), so this test has
     * a region of its own: no other test here uses ap-southeast-2.
     */
    @Test
    void aConsoleOutputThatNeverComesLeavesTheHostKeyToTheUser() throws Exception {
        Instance sydney = named("sydney-web");
        assertThat(sydney.region()).isEqualTo("ap-southeast-2");
        // Its AMI names no user; the key is refused before any user logs in.
        Settings withKey = Settings.defaults().withLogin(sydney.id(),
                new Settings.InstanceLogin("ec2-user", null, false, cloud.sandboxCloud().keyFile().toString()));
        cloud.sandboxCloud().world().setFault(sydney.region(), dev.gangway.sandbox.world.Fault.NO_ANSWER);
        try (SshConnector connector = new SshConnector()) {
            SshPlanner.Plan plan = plan(sydney, withKey);
            assertThatThrownBy(() -> connector.connect(plan.target(), plan.identity(), plan.hostKeyCheck(),
                    SshConnector.TIMEOUT).close())
                    .isInstanceOfSatisfying(SshConnectException.class, e -> {
                        assertThat(e.reason()).isEqualTo(SshConnectException.Reason.HOST_KEY);
                        assertThat(e.getMessage()).contains("is not in").contains("and was not accepted");
                    });
        }
    }

    @Test
    void anInstanceWithoutAPrivateAddressSaysSoWhenItIsChosen() {
        Instance v6 = named("ipv6-only");
        assertThat(v6.privateIp()).isNull();
        assertThatThrownBy(() -> plan(v6, Settings.defaults()
                .withLogin(v6.id(), new Settings.InstanceLogin(null, null, true, null))))
                .isInstanceOf(CannotConnect.class).hasMessageContaining("has no private IPv4 address");
    }
}
