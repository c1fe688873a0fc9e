package dev.gangway.lifecycle;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;

/** Start, stop and reboot: what each does to an instance, when it can, and the question asked first. */
public enum Lifecycle {
    START("Start", InstanceState.STOPPED),
    STOP("Stop", InstanceState.RUNNING),
    REBOOT("Reboot", InstanceState.RUNNING);

    private final String verb;
    private final InstanceState from;

    Lifecycle(String verb, InstanceState from) {
        this.verb = verb;
        this.from = from;
    }

    public String verb() {
        return verb;
    }

    /** Whether {@code instance} is in the state this acts from (EC2 refuses the others). */
    public boolean appliesTo(Instance instance) {
        return !instance.isManagedNode() && instance.state() == from;
    }

    /** Why it cannot be done now, or null when it can. */
    public String whyNot(Instance instance) {
        if (instance.isManagedNode()) {
            return instance.label() + " is a managed node outside EC2: EC2 cannot " + verb.toLowerCase(Locale.ROOT)
                    + " it.";
        }
        return appliesTo(instance) ? null : instance.label() + " is " + instance.state().ec2Name() + ": only a "
                + from.ec2Name() + " instance can be " + past() + ".";
    }

    /** The question before doing it, naming the instance, and what it costs the user. */
    public String question(Instance instance) {
        return verb + " " + instance.label() + "? " + consequence();
    }

    /** What doing it costs the user, in a sentence. */
    public String consequence() {
        return switch (this) {
            case START -> "It is billed while it runs.";
            case STOP -> "Its sessions and tunnels end, and its public IPv4 address may change when it starts again.";
            case REBOOT -> "Its sessions and tunnels end; it keeps its addresses.";
        };
    }

    /** What was done, in words ("Stopping web-1 (i-…)."). */
    public String done(Instance instance) {
        return switch (this) {
            case START -> "Starting " + instance.label() + ": it takes a minute or so.";
            case STOP -> "Stopping " + instance.label() + ".";
            case REBOOT -> "Rebooting " + instance.label() + ".";
        };
    }

    private String past() {
        return switch (this) {
            case START -> "started";
            case STOP -> "stopped";
            case REBOOT -> "rebooted";
        };
    }

    /** How often a start is looked at while waiting for it. */
    public static final Duration POLL = Duration.ofSeconds(5);
    /** The longest wait for an instance to run. */
    public static final Duration RUNNING_WITHIN = Duration.ofMinutes(10);
    /** The longest wait for Windows to make its password, once running (AWS: "at least four minutes"). */
    public static final Duration PASSWORD_WITHIN = Duration.ofMinutes(20);

    /**
     * Starts a stopped instance and waits until it runs, then, for Windows, until its password is
     * made; {@code progress} hears each wait as it begins.
     */
    public static void startAndWait(Ec2Calls ec2, Instance instance, Consumer<String> progress) throws CloudException {
        ec2.start(instance);
        awaitStarted(ec2, instance, progress);
    }

    /** The waits of {@link #startAndWait} for an instance already asked to start. */
    public static void awaitStarted(Ec2Calls ec2, Instance instance, Consumer<String> progress) throws CloudException {
        progress.accept("Waiting for " + instance.label() + " to run…");
        ec2.awaitRunning(instance, POLL, RUNNING_WITHIN);
        // Without a key pair EC2 never makes password data: nothing to wait for.
        if (instance.platform() == GuestOs.WINDOWS && instance.keyName() != null) {
            progress.accept("Waiting for Windows on " + instance.label() + " to make its password (minutes)…");
            ec2.awaitPasswordData(instance, POLL.multipliedBy(2), PASSWORD_WITHIN);
        }
    }

    /** Asks EC2 to do it. */
    public void apply(Ec2Calls ec2, Instance instance) throws CloudException {
        switch (this) {
            case START -> ec2.start(instance);
            case STOP -> ec2.stop(instance);
            case REBOOT -> ec2.reboot(instance);
        }
    }
}
