package dev.gangway.rdp.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.gangway.cli.Converters;
import dev.gangway.cli.ExitCodes;
import dev.gangway.cli.InstanceContext;
import dev.gangway.cli.InstanceOptions;
import dev.gangway.cli.TerminalQuestions;
import dev.gangway.common.HostOs;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.instance.Instance;
import dev.gangway.rdp.LaunchPlan;
import dev.gangway.rdp.RdpFile;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.rdp.RdpRunner;
import dev.gangway.rdp.RemoteDesktop;
import dev.gangway.windowspassword.WindowsPasswords;

/** {@code gangway rdp}: Remote Desktop to a Windows instance, logged in with its decrypted password. */
@Command(name = "rdp", mixinStandardHelpOptions = true,
        description = {"Starts a Remote Desktop client for a Windows instance, found by instance id or Name tag, with a "
                + ".rdp file and the administrator password decrypted with the key pair (as `gangway password`).",
                "Clients: mstsc on Windows (the password through the Windows Credential Manager), Windows App on macOS, "
                        + "Remmina or FreeRDP on Linux (FreeRDP gets the password on its standard input). The password "
                        + "is never on a command line.",
                "Exit status: 0 started (or planned, with --dry-run); 1 cannot connect (no password yet, not running, "
                        + "no client); 2 bad arguments."})
public final class RdpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instanceOptions;

    @Option(names = {"-i", "--key"}, paramLabel = "FILE", description = "The key pair's private key (RSA).")
    Path key;

    @Option(names = "--address", paramLabel = "HOST", description = "Connect to HOST instead of the instance's address (tunnel, bastion).")
    String address;

    @Option(names = "--port", paramLabel = "N", converter = Converters.Port.class,
            description = "RDP port. Default: the gangway:rdp-port tag, else 3389.")
    Integer port;

    @Option(names = "--private", description = "Connect to the private IPv4 address (VPN, inside the VPC).")
    boolean privateAddress;

    @Option(names = "--client", paramLabel = "NAME", description = "mstsc, Windows App, Remmina or FreeRDP. Default: the first installed.")
    String client;

    @Option(names = "--dry-run", description = "Print the launch plan and the .rdp file (no password in either); start nothing.")
    boolean dryRun;

    Console console = System.console();
    Clock clock = Clock.systemUTC();
    HostOs os = HostOs.current();
    RdpLaunchers.Probe probe = RdpLaunchers.Probe.system();
    Duration readTime = RdpRunner.READ_TIME;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (InstanceContext context = instanceOptions.open(err)) {
            Instance instance = context.instance();
            ConnectOptions options = context.loginOptions(key);
            RemoteDesktop.Target target = RemoteDesktop.target(instance, address, port,
                    privateAddress || options.privateAddress(), context.cloud().publicIp().publicIp());
            target.portWarning().ifPresent(w -> err.println("gangway: warning: " + w));
            // A dry run may name any OS's client, installed or not: it shows what that client would be given.
            Optional<RdpLaunchers.Launcher> launcher = dryRun && client != null
                    ? Arrays.stream(HostOs.values()).flatMap(o -> RdpLaunchers.forOs(o, probe).stream())
                            .filter(l -> l.name().equalsIgnoreCase(client.strip())).findFirst()
                    : RdpLaunchers.choose(os, probe, client);
            ConnectQuestions questions = console == null ? ConnectQuestions.NONE : new TerminalQuestions(console);
            WindowsPasswords passwords = new WindowsPasswords(context.connect().ec2(), clock);
            try (WindowsPasswords.Credentials credentials = passwords.get(instance, options, questions)) {
                RdpFile rdp = RdpFile.windowed(target.host(), target.port(), credentials.user());
                if (launcher.isEmpty()) {
                    err.println("gangway: no Remote Desktop client " + (client == null ? "is installed" : "named '" + client
                            + "' is installed") + ". " + RdpLaunchers.installHint(os) + " The connection file would be:");
                    out.print(rdp.text().replace("\r\n", "\n"));
                    out.flush();
                    return ExitCodes.FAILED;
                }
                String name = instance.displayName();
                Optional<String> certificate = RemoteDesktop.certificate(context.connect().ec2(), instance);
                if (dryRun) {
                    Path where = Path.of(System.getProperty("java.io.tmpdir"), "gangway-rdp-…", name + ".rdp");
                    out.print(launcher.get().plan(rdp, where, certificate).describe());
                    out.flush();
                    return ExitCodes.OK;
                }
                LaunchPlan plan = launcher.get().plan(rdp, RdpRunner.newRdpFile(name), certificate);
                RdpRunner.Launched launched = new RdpRunner(RdpRunner.CredentialStore.system(), readTime)
                        .launch(plan, credentials.password());
                err.println("gangway: started " + plan.client() + " for " + credentials.user() + " at " + rdp.fullAddress()
                        + " (" + target.addressKind() + ").");
                if (plan.password() == LaunchPlan.Handover.CLIPBOARD) {
                    err.println("gangway: " + plan.client() + " takes no password from other programs; `gangway password "
                            + instanceOptions.instanceRef + "` shows it." + certificate.map(t -> " If it asks about the "
                            + "certificate, its thumbprint must be " + t + " (from the instance's console output).").orElse(""));
                } else if (plan.note() != null) {
                    err.println("gangway: " + plan.note());
                }
                // The client reads its file at start; once it has (or has ended), the file goes.
                launched.cleanedUp().get(readTime.toSeconds() + 5, TimeUnit.SECONDS);
                return ExitCodes.OK;
            }
        }
    }
}
