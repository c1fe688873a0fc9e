package dev.gangway.lifecycle.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.cli.CommandFailure;
import dev.gangway.cli.ExitCodes;
import dev.gangway.cli.InstanceContext;
import dev.gangway.cli.InstanceOptions;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.lifecycle.Lifecycle;

/**
 * {@code gangway start|stop|reboot INSTANCE}: asks first on a terminal, naming the instance (or
 * takes {@code --yes}); elsewhere without {@code --yes} it changes nothing.
 */
public abstract class LifecycleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instanceOptions;

    @Option(names = {"-y", "--yes"}, description = "Do it without asking (for scripts).")
    boolean yes;

    /** The terminal to ask on; null when there is none. */
    Console console = System.console();

    private final Lifecycle what;

    LifecycleCommand(Lifecycle what) {
        this.what = what;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (InstanceContext context = instanceOptions.open(err)) {
            Instance instance = context.instance();
            String whyNot = what.whyNot(instance);
            if (whyNot != null) {
                err.println("gangway: " + whyNot);
                return ExitCodes.FAILED;
            }
            if (!yes) {
                if (console == null) {
                    throw new CommandFailure(ExitCodes.USAGE, what.question(instance) + " Nothing was done: add --yes "
                            + "to " + what.verb().toLowerCase(Locale.ROOT) + " it without a terminal to ask on.");
                }
                String answer = console.readLine("%s [y/N] ", what.question(instance));
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                    err.println("gangway: nothing was done.");
                    return ExitCodes.OK;
                }
            }
            try {
                what.apply(new Ec2Calls(context.connect().access()), instance);
            } catch (CloudException e) {
                err.println("gangway: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            out.println(what.done(instance));
            return after(context, instance, out, err);
        }
    }

    /** What follows once EC2 took the request (a start may wait for the instance). */
    int after(InstanceContext context, Instance instance, PrintWriter out, PrintWriter err) throws Exception {
        return ExitCodes.OK;
    }

    /** {@code gangway start}. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = {"Starts a stopped instance (asks first).",
            "It is billed while it runs. With --wait, Gangway waits until it runs and, for Windows, until its "
            + "password is made.", "Exit status: 0 done or declined; 1 not possible now, or it did not run in time; 2 bad "
            + "arguments, or no terminal to ask on and no --yes."})
    public static final class Start extends LifecycleCommand {
        @Option(names = "--wait", description = "Wait until it runs (up to 10 min) and, for Windows, until its "
                + "password is made (up to 20 min more).")
        boolean await;

        public Start() {
            super(Lifecycle.START);
        }

        @Override
        int after(InstanceContext context, Instance instance, PrintWriter out, PrintWriter err) {
            if (!await) {
                return ExitCodes.OK;
            }
            try {
                Lifecycle.awaitStarted(new Ec2Calls(context.connect().access()), instance, step -> {
                    err.println("gangway: " + step);
                    err.flush();
                });
            } catch (CloudException e) {
                err.println("gangway: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            out.println(instance.label() + " is running" + (instance.platform() == GuestOs.WINDOWS
                    ? " and its password is ready." : "."));
            return ExitCodes.OK;
        }
    }

    /** {@code gangway stop}. */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = {"Stops a running instance (asks first).",
            "Its sessions end and its public IPv4 may change.", "Exit status: 0 done or declined; 1 not possible "
            + "now; 2 bad arguments, or no terminal to ask on and no --yes."})
    public static final class Stop extends LifecycleCommand {
        public Stop() {
            super(Lifecycle.STOP);
        }
    }

    /** {@code gangway reboot}. */
    @Command(name = "reboot", mixinStandardHelpOptions = true, description = {"Reboots a running instance (asks first).",
            "Its sessions end.", "Exit status: 0 done or declined; 1 not possible now; 2 bad arguments, or "
            + "no terminal to ask on and no --yes."})
    public static final class Reboot extends LifecycleCommand {
        public Reboot() {
            super(Lifecycle.REBOOT);
        }
    }
}
