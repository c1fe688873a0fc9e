package dev.gangway.rdp.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.gangway.aws.Ec2Calls;
import dev.gangway.cli.CommandFailure;
import dev.gangway.cli.Converters;
import dev.gangway.cli.ExitCodes;
import dev.gangway.cli.InstanceContext;
import dev.gangway.cli.InstanceOptions;
import dev.gangway.cli.TerminalQuestions;
import dev.gangway.common.HostOs;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.Reachability;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.Tunnel;
import dev.gangway.instance.Instance;
import dev.gangway.rdp.LaunchPlan;
import dev.gangway.rdp.RdpExitStatus;
import dev.gangway.rdp.RdpFile;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.rdp.RdpRunner;
import dev.gangway.rdp.RemoteDesktop;
import dev.gangway.windowspassword.WindowsPasswords;

/** {@code gangway rdp}: Remote Desktop to a Windows instance, logged in with its decrypted password. */
@Command(name = "rdp", mixinStandardHelpOptions = true,
        description = {"Starts Remote Desktop to a Windows instance, logged in.",
                "Starts a Remote Desktop client for a Windows instance, found by instance id or Name tag, with a "
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

    @Option(names = {"-p", "--port"}, paramLabel = "N", converter = Converters.Port.class,
            description = "RDP port. Default: the gangway:rdp-port tag, else 3389.")
    Integer port;

    @Option(names = "--private", description = "Connect to the private IPv4 address (VPN, inside the VPC).")
    boolean privateAddress;

    @Option(names = "--via", paramLabel = "ROUTE", converter = Converters.Via.class,
            description = "ssm: forward the RDP port over Session Manager to a local port for the client (no open 3389 "
                    + "or address needed; the tunnel closes when the client exits, or at Ctrl+C); eice: the same "
                    + "through the Instance Connect Endpoint in the instance's VPC, to its private address; direct: "
                    + "the instance's address. Default: direct (ssm for a managed node).")
    Converters.Route via = Converters.Route.DIRECT;

    @Option(names = "--client", paramLabel = "NAME", description = "mstsc, Windows App, Remmina or FreeRDP. Default: the first installed.")
    String client;

    @Option(names = "--dry-run", description = "Print the launch plan and the .rdp file (no password in either); start nothing.")
    boolean dryRun;

    Console console = System.console();
    Clock clock = Clock.systemUTC();
    HostOs os = HostOs.current();
    RdpLaunchers.Probe probe = RdpLaunchers.Probe.system();
    Duration readTime = RdpRunner.READ_TIME;
    /** A client that ends with an error this soon after its start gave up rather than ran a session. */
    static final Duration AT_ONCE = Duration.ofSeconds(10);

    /** Counted down to stop waiting on the tunnel (Ctrl+C's shutdown hook, or a test). */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InstanceOptions.requireKeyFile(key);
        // A client that cannot be used is said before AWS is asked.
        Optional<RdpLaunchers.Launcher> launcher = launcher();
        try (InstanceContext context = instanceOptions.open(err)) {
            Instance instance = context.instance();
            ConnectOptions options = context.loginOptions(key);
            boolean eice = via == Converters.Route.EICE;
            boolean ssm = via == Converters.Route.SSM || !eice && instance.isManagedNode();
            String carrier = eice ? "Instance Connect Endpoint" : "Session Manager";
            // Through a tunnel no address of the instance's is needed (a private-only one works too).
            RemoteDesktop.Target target = ssm || eice ? RemoteDesktop.carried(instance, port, carrier)
                    : RemoteDesktop.target(instance, address, port, privateAddress || options.privateAddress(),
                            context.cloud().publicIp().publicIp());
            if (!ssm && !eice) {
                target.portWarning().ifPresent(w -> err.println("gangway: warning: " + w
                        + (instance.sessionManagerOnline() ? " Its Session Manager agent is online: --via ssm goes "
                        + "through it with no open port." : "")));
            }
            ConnectQuestions questions = console == null ? ConnectQuestions.NONE : new TerminalQuestions(console);
            WindowsPasswords passwords = new WindowsPasswords(context.connect().ec2(), clock);
            try (WindowsPasswords.Credentials credentials = passwords.get(instance, options, questions)) {
                if ((ssm || eice) && !dryRun && launcher.isPresent()) {
                    try {
                        target = RemoteDesktop.open(instance, address, port, privateAddress || options.privateAddress(),
                                Optional.empty(), eice ? RemoteDesktop.Via.ENDPOINT : RemoteDesktop.Via.SESSION_MANAGER,
                                context.connect());
                    } catch (IOException e) {
                        err.println("gangway: " + e.getMessage());
                        return ExitCodes.CONNECTION_FAILED;
                    }
                } else if (ssm || eice) {
                    // Nothing opens on a dry run (or without a client): the file names the tunnel's side,
                    // as RemoteDesktop.carried made it.
                    err.println("gangway: through " + (eice ? "an " : "") + carrier + " the client connects to a "
                            + "local port on 127.0.0.1 that the tunnel gets when it opens; " + target.port()
                            + " here stands for it.");
                }
                if (!ssm && !eice && !dryRun && launcher.isPresent() && context.connect().loopbackOnly()) {
                    // The sandbox's addresses but 127.0.0.1 are made up: never dialled.
                    Reachability.requireLoopback(instance, target.host());
                }
                try (RemoteDesktop.Target carried = target) {
                    return launch(instance, target, credentials, launcher, context.connect().ec2(), out, err);
                }
            }
        }
    }

    /**
     * The client to start: the one named, else the first installed. A named client is used or
     * refused, never swapped for another (issue 27: --client Remmina started FreeRDP): one Gangway
     * does not know, or one of another OS, is a bad argument naming this OS's clients and which are
     * installed; one not installed says what to install. A dry run may name any OS's client,
     * installed or not: it shows what that client would be given.
     */
    private Optional<RdpLaunchers.Launcher> launcher() throws CommandFailure {
        if (client == null || client.isBlank()) {
            return RdpLaunchers.choose(os, probe, null);
        }
        // Its program's name is taken too (--client xfreerdp, as README shows the command).
        String wanted = RdpLaunchers.clientNamed(client.strip());
        List<RdpLaunchers.Launcher> mine = RdpLaunchers.forOs(os, probe);
        Optional<RdpLaunchers.Launcher> here = named(mine, wanted);
        if (here.isEmpty()) {
            Optional<HostOs> elsewhere = Arrays.stream(HostOs.values()).filter(o -> o != os)
                    .filter(o -> named(RdpLaunchers.forOs(o, probe), wanted).isPresent()).findFirst();
            if (dryRun && elsewhere.isPresent()) {
                return named(RdpLaunchers.forOs(elsewhere.get(), probe), wanted);
            }
            String clients = mine.stream().map(l -> l.name() + (l.isAvailable() ? " (installed)" : " (not installed)"))
                    .collect(Collectors.joining(", "));
            throw new CommandFailure(ExitCodes.USAGE, elsewhere.map(o -> "'" + wanted + "' is a Remote Desktop "
                    + "client for " + osName(o) + ", not for " + osName(os) + ".").orElse("'" + wanted
                    + "' is not a Remote Desktop client Gangway knows.") + " On " + osName(os) + ": " + clients + ".");
        }
        if (!dryRun && !here.get().isAvailable()) {
            List<String> installed = mine.stream().filter(RdpLaunchers.Launcher::isAvailable)
                    .map(RdpLaunchers.Launcher::name).toList();
            throw new CommandFailure(ExitCodes.FAILED, here.get().name() + " is not installed. "
                    + RdpLaunchers.installHint(os) + (installed.isEmpty() ? "" : " Installed here: "
                    + String.join(", ", installed) + " (--client " + installed.get(0) + ", or leave --client out)."));
        }
        return here;
    }

    private static Optional<RdpLaunchers.Launcher> named(List<RdpLaunchers.Launcher> launchers, String name) {
        return launchers.stream().filter(l -> l.name().equalsIgnoreCase(name)).findFirst();
    }

    private static String osName(HostOs os) {
        return switch (os) {
            case WINDOWS -> "Windows";
            case MAC -> "macOS";
            case LINUX -> "Linux";
        };
    }

    /** Starts the client (or prints its plan, or the file when there is none) for {@code target}. */
    private int launch(Instance instance, RemoteDesktop.Target target, WindowsPasswords.Credentials credentials,
            Optional<RdpLaunchers.Launcher> launcher, Ec2Calls ec2, PrintWriter out, PrintWriter err) throws Exception {
        RdpFile rdp = RdpFile.windowed(target.host(), target.port(), credentials.user());
        if (launcher.isEmpty()) {
            // (A client named is used or refused before: here none was named.)
            err.println("gangway: no Remote Desktop client is installed. " + RdpLaunchers.installHint(os)
                    + " The connection file would be:");
            out.print(rdp.text().replace("\r\n", "\n"));
            out.flush();
            return ExitCodes.FAILED;
        }
        String name = instance.displayName();
        Optional<String> certificate = RemoteDesktop.certificate(ec2, instance);
        if (dryRun) {
            Path where = Path.of(System.getProperty("java.io.tmpdir"), "gangway-rdp-…", name + ".rdp");
            out.print(launcher.get().plan(rdp, where, certificate).describe());
            out.flush();
            return ExitCodes.OK;
        }
        // A gangway rdp killed before it could clean up (SIGKILL, a crash) left its folder: cleaned now.
        RdpRunner.removeLeftovers();
        LaunchPlan plan = launcher.get().plan(rdp, RdpRunner.newRdpFile(name), certificate);
        long launchedAt = System.nanoTime();
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
        Process started = launched.process();
        boolean atOnce = System.nanoTime() - launchedAt < AT_ONCE.toNanos();
        try (RdpRunner.ClientOutput output = launched.output()) {
            if (!started.isAlive() && started.exitValue() != 0 && atOnce) {
                // It gave up at once (no display, no route, a refused logon): said with its status and
                // its own last word (issue 27: "started FreeRDP" and exit 0 when it had failed).
                String said = output.lastLine();
                err.println("gangway: " + plan.client() + " stopped at once (" + RdpExitStatus.describe(plan.client(),
                        started.exitValue()) + ")" + (said.isEmpty() ? "." : ": " + said));
                return ExitCodes.FAILED;
            }
        }
        if (target.tunnel().isPresent()) {
            return keepTunnel(plan, launched.process(), target, err);
        }
        return ExitCodes.OK;
    }

    /**
     * The tunnel lasts as long as the client (mstsc, FreeRDP), or, for a client that hands over and
     * returns (Windows App, Remmina), until Ctrl+C.
     */
    private int keepTunnel(LaunchPlan plan, Process client, RemoteDesktop.Target target, PrintWriter err)
            throws InterruptedException {
        Tunnel tunnel = target.tunnel().orElseThrow();
        // Ctrl+C: the JVM ends once its hooks have, so the tunnel (and its session on AWS) is closed in the hook.
        Thread hook = new Thread(() -> {
            stop.countDown();
            tunnel.close();
        }, "gangway-rdp-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            err.println(plan.lastsAsLongAsSession() ? "gangway: the tunnel stays open while " + plan.client() + " runs."
                    : "gangway: the tunnel on " + target.host() + ":" + target.port()
                    + " stays open until you press Ctrl+C.");
            err.flush();
            while ((!plan.lastsAsLongAsSession() || client.isAlive()) && tunnel.isOpen()
                    && !stop.await(200, TimeUnit.MILLISECONDS)) {
                // waiting for the client, the tunnel or Ctrl+C to end it
            }
            if (!tunnel.isOpen() && stop.getCount() > 0) {
                err.println("gangway: the tunnel ended (" + target.addressKind() + ").");
                return ExitCodes.CONNECTION_FAILED;
            }
            if (stop.getCount() > 0) {
                err.println("gangway: " + plan.client() + " ended; the tunnel is closed.");
            }
            return ExitCodes.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook closes the tunnel
            }
        }
    }
}
