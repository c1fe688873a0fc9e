package dev.gangway.shell;

import java.util.function.Consumer;

import dev.gangway.common.Dialogs;
import dev.gangway.common.Notifier;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;

/**
 * Whether an instance can take a connection now: a running one can; a stopped one is offered to be
 * started (it is billed from then on, so the user says so); any other state is explained.
 */
final class LifecycleGate {

    private final Dialogs dialogs;
    private final Notifier notifier;
    private final Consumer<Instance> start;

    LifecycleGate(Dialogs dialogs, Notifier notifier, Consumer<Instance> start) {
        this.dialogs = dialogs;
        this.notifier = notifier;
        this.start = start;
    }

    /** Asks whether to start the stopped {@code instance}, saying what it costs and what follows; true to start it. */
    boolean confirmStart(Instance instance) {
        boolean windows = instance.platform() == GuestOs.WINDOWS;
        return dialogs.confirm("start-instance", "Start " + instance.displayName(), instance.displayName()
                + " is stopped.", "Start it? It is billed while it runs. Gangway waits until it runs"
                + (windows ? " and Windows has made its password" : "") + ", and says so.", "Start instance");
    }

    /** True when {@code instance} is running; otherwise asks to start it or says why not, and returns false. */
    boolean admits(Instance instance) {
        String name = instance.displayName();
        if (instance.isManagedNode() && !instance.sessionManagerOnline()) {
            notifier.info(name + "'s SSM agent is not connected", name + " is a managed node outside EC2, reached "
                    + "only through Session Manager, and its agent has stopped pinging Systems Manager ("
                    + (instance.agent() == null ? "unknown" : instance.agent().ping().label())
                    + "). Start the amazon-ssm-agent service on it, then refresh.");
            return false;
        }
        if (instance.state() == InstanceState.STOPPED) {
            if (confirmStart(instance)) {
                start.accept(instance);
            }
            return false;
        }
        if (instance.state() == InstanceState.TERMINATED || instance.state() == InstanceState.SHUTTING_DOWN) {
            notifier.info(name + " is " + instance.state().ec2Name(), "A terminated instance never runs again: "
                    + "nothing can reach it. EC2 stops listing it within the hour.");
            return false;
        }
        if (instance.state() != InstanceState.RUNNING) {
            boolean windows = instance.platform() == GuestOs.WINDOWS;
            notifier.info(name + " is " + instance.state().ec2Name(), "Only a running instance takes "
                    + (windows ? "Remote Desktop" : "SSH") + " connections; refresh to see when it is.");
            return false;
        }
        return true;
    }
}
