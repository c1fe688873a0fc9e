package dev.gangway.allowip.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.gangway.allowip.AllowMyIp;
import dev.gangway.allowip.TemporaryRule;
import dev.gangway.aws.CloudException;
import dev.gangway.cli.Converters;
import dev.gangway.cli.ExitCodes;
import dev.gangway.cli.InstanceContext;
import dev.gangway.cli.InstanceOptions;
import dev.gangway.instance.Instance;

/** {@code gangway allow-my-ip}: one inbound rule for this computer's public IP alone, removed at Ctrl+C unless kept. */
@Command(name = "allow-my-ip", mixinStandardHelpOptions = true,
        description = {"Opens an instance's SSH or RDP port to your IP, until Ctrl+C.",
                "Lets this computer's public IP reach an instance's SSH port (RDP for Windows): one inbound "
                + "rule for that address alone (/32 or /128, never a range) in the instance's first security group, "
                + "described \"Gangway <user> <time>\". It says the change before making it, and removes the rule "
                + "at Ctrl+C; with --keep it adds the rule and leaves it. A rule a crash left behind is removed the "
                + "next time Gangway starts.",
                "Exit status: 0 done (--keep); 130 when stopped with Ctrl+C, the rule removed; 1 the rule could not be added or removed; 2 bad arguments."})
public final class AllowMyIpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instanceOptions;

    @Option(names = {"-p", "--port"}, paramLabel = "N", converter = Converters.Port.class,
            description = "The port. Default: the instance's SSH port (its RDP port for Windows).")
    Integer port;

    @Option(names = "--keep", description = "Add the rule and leave it (remove it yourself, in the EC2 console).")
    boolean keep;

    /** Counted down to remove the rule and end (Ctrl+C's shutdown hook, or a test). */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (InstanceContext context = instanceOptions.open(err)) {
            AllowMyIp allow = context.cloud().allowMyIp();
            List<TemporaryRule> left = allow.cleanUp();
            left.forEach(r -> err.println("gangway: removed a rule an earlier run left: " + r.describe() + " ("
                    + r.instanceName() + ")."));
            Instance instance = context.instance();
            TemporaryRule rule;
            try {
                rule = allow.plan(instance, port != null ? port : AllowMyIp.portFor(instance),
                        context.cloud().publicIp().publicIp().orElse(null));
                out.println("Adding to " + instance.label() + ": inbound " + rule.describe() + ", described \""
                        + rule.description() + "\".");
                out.flush();
                if (!allow.add(rule, keep)) {
                    out.println("That rule is there already: nothing changed.");
                    return ExitCodes.OK;
                }
            } catch (CloudException e) {
                err.println("gangway: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            if (keep) {
                out.println("Added. It stays until you remove it (EC2 console, rule \"" + rule.description() + "\").");
                return ExitCodes.OK;
            }
            out.println("Added. Press Ctrl+C to remove it.");
            out.flush();
            Thread hook = new Thread(stop::countDown, "gangway-allow-my-ip-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            stop.await();
            try {
                allow.remove(rule);
                out.println("Removed " + rule.describe() + ".");
                return ExitCodes.OK;
            } catch (CloudException e) {
                err.println("gangway: " + e.getMessage());
                return ExitCodes.FAILED;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl+C: the hook has run
                }
            }
        }
    }
}
