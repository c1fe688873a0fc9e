package dev.gangway.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.lifecycle.Lifecycle;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.ManagedAgent;
import dev.gangway.testsupport.InstanceBuilder;
import dev.gangway.testsupport.RecordingNotifier;

/** The registry every menu, Enter and double-click are built from, without a stage. */
class InstanceActionsTest {

    final List<String> done = new ArrayList<>();
    final RecordingNotifier notifier = new RecordingNotifier();
    final InstanceActions actions = InstanceActions.standard(new InstanceActions.Handlers() {
        @Override
        public void connectEarly(Instance instance) {
            done.add("early " + instance.displayName());
        }

        @Override
        public void openSsh(Instance instance, boolean instanceConnect) {
            done.add((instanceConnect ? "instance connect " : "ssh ") + instance.displayName());
        }

        @Override
        public void openSsm(Instance instance) {
            done.add("ssm " + instance.displayName());
        }

        @Override
        public void openSshOverSessionManager(Instance instance) {
            done.add("ssh over ssm " + instance.displayName());
        }

        @Override
        public void openSshThroughEndpoint(Instance instance) {
            done.add("ssh via eice " + instance.displayName());
        }

        @Override
        public void remoteDesktopThroughEndpoint(Instance instance) {
            done.add("rdp via eice " + instance.displayName());
        }

        @Override
        public void lifecycle(Instance instance, Lifecycle what) {
            done.add(what + " " + instance.displayName());
        }

        @Override
        public void forwardPort(Instance instance) {
            done.add("forward " + instance.displayName());
        }

        @Override
        public boolean prefersSessionManager(Instance instance) {
            return instance.sessionManagerOnline() && instance.publicIp() == null;
        }

        @Override
        public void remoteDesktopOverSessionManager(Instance instance) {
            done.add("rdp over ssm " + instance.displayName());
        }

        @Override
        public void remoteDesktop(Instance instance) {
            done.add("rdp " + instance.displayName());
        }

        @Override
        public void showPassword(Instance instance) {
            done.add("password " + instance.displayName());
        }

        @Override
        public void editLogin(Instance instance) {
            done.add("login " + instance.displayName());
        }
    }, new LifecycleGate((id, title, question, details, confirm) -> false, notifier, i -> { }));

    final Instance linux = InstanceBuilder.instance(b -> b.name = "web");
    final Instance windows = InstanceBuilder.instance(b -> { b.name = "win"; b.platform = GuestOs.WINDOWS; });

    @Test
    void enterOpensATerminalForLinuxAndRemoteDesktopForWindows() {
        actions.runDefault(linux);
        actions.runDefault(windows);
        assertThat(done).containsExactly("ssh web", "rdp win");
        assertThat(actions.defaultFor(linux).orElseThrow().label().apply(linux)).isEqualTo("Open SSH terminal");
        assertThat(actions.defaultFor(windows).orElseThrow().id()).isEqualTo("remote-desktop-item");
    }

    /**
     * The second press of a double-click starts an SSH terminal's connection; a row whose default is
     * Remote Desktop or Session Manager, or that is not running, starts nothing.
     */
    @Test
    void theSecondPressOfADoubleClickStartsOnlyAnSshTerminalsConnection() {
        ManagedAgent online = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0", "Ubuntu 24.04", null);
        Instance privateOnly = InstanceBuilder.instance(b -> { b.name = "db"; b.agent = online; });
        Instance stopped = InstanceBuilder.instance(b -> { b.name = "batch"; b.state = InstanceState.STOPPED; });
        for (Instance i : List.of(linux, windows, privateOnly, stopped)) {
            actions.pressedForDefault(i);
        }
        assertThat(done).containsExactly("early web");
    }

    @Test
    void enterOpensSessionManagerWhenTheRouteSaysSoAndAManagedNodeHasNoSshAtAll() {
        ManagedAgent online = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0", "Ubuntu 24.04", null);
        Instance privateOnly = InstanceBuilder.instance(b -> { b.name = "db"; b.agent = online; });
        Instance node = InstanceBuilder.instance(b -> { b.id = "mi-0123456789abcdef0"; b.name = "on-prem"; b.agent = online; });
        Instance lost = InstanceBuilder.instance(b -> {
            b.id = "mi-0123456789abcdef1";
            b.name = "gone";
            b.state = InstanceState.UNKNOWN;
            b.agent = new ManagedAgent(ManagedAgent.Ping.CONNECTION_LOST, "3.3.987.0", "Ubuntu", null);
        });
        actions.runDefault(privateOnly);
        actions.runDefault(node);
        actions.runDefault(lost);
        assertThat(done).containsExactly("ssm db", "ssm on-prem");
        assertThat(offered(node)).containsExactly("Open Session Manager shell", "SSH over Session Manager",
                "Forward a port…", "Connection doctor…");
        assertThat(offered(privateOnly)).contains("Open SSH terminal", "Open Session Manager shell",
                "SSH over Session Manager");
    }

    @Test
    void sshOverSessionManagerIsOfferedWhereTheAgentIsOnline() {
        ManagedAgent online = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0", "Ubuntu 24.04", null);
        Instance privateOnly = InstanceBuilder.instance(b -> { b.name = "db"; b.agent = online; });
        actions.all().stream().filter(a -> "ssh-over-ssm-item".equals(a.id())).findFirst().orElseThrow()
                .run().accept(privateOnly);
        assertThat(done).containsExactly("ssh over ssm db");
        assertThat(offered(linux)).doesNotContain("SSH over Session Manager");
    }

    /** An EC2 instance with a private address may be reached through an Instance Connect Endpoint in its VPC. */
    @Test
    void theEndpointRoutesAreOfferedForInstancesWithAPrivateAddress() {
        Instance privateLinux = InstanceBuilder.instance(b -> { b.name = "db"; b.privateIp = "10.0.0.5"; });
        Instance privateWindows = InstanceBuilder.instance(b -> {
            b.name = "win";
            b.platform = GuestOs.WINDOWS;
            b.privateIp = "10.0.0.6";
        });
        assertThat(offered(privateLinux)).containsExactly("Open SSH terminal", "Connect with EC2 Instance Connect",
                "Open Session Manager shell", "SSH via Instance Connect Endpoint", "Forward a port…",
                "Connection doctor…", "Login settings…");
        assertThat(offered(privateWindows)).containsExactly("Remote Desktop",
                "Remote Desktop via Instance Connect Endpoint", "Get Windows password…", "Forward a port…",
                "Connection doctor…", "Login settings…");
        run("ssh-over-eice-item", privateLinux);
        run("rdp-over-eice-item", privateWindows);
        assertThat(done).containsExactly("ssh via eice db", "rdp via eice win");
        // A managed node outside EC2 has no VPC for an endpoint to be in.
        Instance node = InstanceBuilder.instance(b -> {
            b.id = "mi-0123456789abcdef0";
            b.privateIp = "192.168.1.5";
            b.agent = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0", "Ubuntu", null);
        });
        assertThat(offered(node)).doesNotContain("SSH via Instance Connect Endpoint");
    }

    /** Start for a stopped instance, stop and reboot for a running one, never for a managed node outside EC2. */
    @Test
    void startStopAndRebootAreOfferedWhereEc2CanDoThem() {
        Instance stopped = InstanceBuilder.instance(b -> { b.name = "batch"; b.state = InstanceState.STOPPED; });
        assertThat(lifecycle(linux)).containsExactly("Stop…", "Reboot…");
        assertThat(lifecycle(stopped)).containsExactly("Start…");
        Instance node = InstanceBuilder.instance(b -> {
            b.id = "mi-0123456789abcdef9";
            b.agent = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0", "Ubuntu", null);
        });
        assertThat(lifecycle(node)).isEmpty();
        run("stop-item", linux);
        run("start-item", stopped);
        assertThat(done).containsExactly("STOP web", "START batch");
    }

    private List<String> lifecycle(Instance instance) {
        return actions.all().stream().filter(a -> a.group() == InstanceAction.Group.LIFECYCLE)
                .filter(a -> a.appliesTo().test(instance)).map(a -> a.label().apply(instance)).toList();
    }

    private void run(String id, Instance instance) {
        actions.all().stream().filter(a -> id.equals(a.id())).findFirst().orElseThrow().run().accept(instance);
    }

    /** A terminated instance never runs again: no way in is offered, and Enter says so (issue 26). */
    @Test
    void aTerminatedInstanceIsOfferedNoWayIn() {
        for (InstanceState gone : List.of(InstanceState.TERMINATED, InstanceState.SHUTTING_DOWN)) {
            Instance old = InstanceBuilder.instance(b -> {
                b.name = "old-bastion";
                b.state = gone;
                b.publicIp = "198.51.100.9";
                b.agent = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0", "Amazon Linux", null);
            });
            assertThat(offered(old)).isEmpty();
            assertThat(actions.defaultFor(old)).isEmpty();
        }
        actions.runDefault(InstanceBuilder.instance(b -> { b.name = "old-bastion"; b.state = InstanceState.TERMINATED; }));
        assertThat(done).isEmpty();
        assertThat(notifier.messages()).containsExactly("old-bastion is terminated: A terminated instance never runs "
                + "again: nothing can reach it. EC2 stops listing it within the hour.");
    }

    @Test
    void enterOnAStoppedInstanceDoesNothingTheUserDidNotAgreeTo() {
        actions.runDefault(InstanceBuilder.instance(b -> { b.name = "batch"; b.state = InstanceState.STOPPED; }));
        assertThat(done).isEmpty();
    }

    @Test
    void eachPlatformIsOfferedItsOwnWaysIn() {
        assertThat(offered(linux)).containsExactly("Open SSH terminal", "Connect with EC2 Instance Connect",
                "Open Session Manager shell", "Connection doctor…", "Login settings…");
        assertThat(offered(windows)).containsExactly("Remote Desktop", "Get Windows password…", "Connection doctor…",
                "Login settings…");
        Instance managedWindows = InstanceBuilder.instance(b -> {
            b.name = "win-ssm";
            b.platform = GuestOs.WINDOWS;
            b.agent = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0", "Microsoft Windows Server 2022", null);
        });
        assertThat(offered(managedWindows)).containsExactly("Remote Desktop", "Remote Desktop over Session Manager",
                "Get Windows password…",
                "Open Session Manager shell (PowerShell)", "Forward a port…", "Connection doctor…", "Login settings…");
    }

    @Test
    void copyActionsAreOfferedOnlyForValuesTheInstanceHas() {
        Instance privateOnly = InstanceBuilder.instance(b -> b.privateIp = "10.0.0.5");
        assertThat(actions.all()).filteredOn(a -> a.group() == InstanceAction.Group.COPY)
                .filteredOn(a -> a.appliesTo().test(privateOnly)).extracting(a -> a.label().apply(privateOnly))
                .containsExactly("Copy instance ID", "Copy private IP");
        assertThat(actions.all()).filteredOn(a -> a.shortcut() != null).extracting(a -> a.label().apply(linux))
                .containsExactly("Copy instance ID");
    }

    private List<String> offered(Instance instance) {
        return actions.all().stream().filter(a -> a.group() == InstanceAction.Group.CONNECT)
                .filter(a -> a.appliesTo().test(instance)).map(a -> a.label().apply(instance)).toList();
    }
}
