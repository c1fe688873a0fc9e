package dev.gangway.ssh.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Logger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.gangway.aws.CloudException;
import dev.gangway.cli.Converters;
import dev.gangway.cli.ExitCodes;
import dev.gangway.cli.InstanceContext;
import dev.gangway.cli.InstanceOptions;
import dev.gangway.cli.TerminalQuestions;
import dev.gangway.connect.CannotConnect;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.Tunnel;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.instance.LastConnection;
import dev.gangway.ssh.ShellChannel;
import dev.gangway.ssh.SshConnectException;
import dev.gangway.ssh.SshConnector;
import dev.gangway.ssh.SshPlanner;
import dev.gangway.ssh.SshSession;
import dev.gangway.terminal.cli.LocalTerminal;
import dev.gangway.terminal.cli.TerminalBridge;

/** {@code gangway ssh}: log in to an instance found by id or Name, with the right user, key and host key. */
@Command(name = "ssh", mixinStandardHelpOptions = true,
        description = {"Opens a shell on an instance over SSH, or runs a command there.",
                "The instance is found by instance id or Name tag.",
                "The user comes from the AMI, the key from the key pair's .pem in ~/.ssh or ~/Downloads (checked "
                        + "against EC2's fingerprint), the host key from known_hosts or the instance's console output.",
                "Exit status: the remote command's; 255 when the connection or login failed; 1 when the instance "
                        + "cannot be used; 2 bad arguments."})
public final class SshCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(SshCommand.class.getName());

    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instanceOptions;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command to run (put it after --).")
    List<String> command = new ArrayList<>();

    @Option(names = {"-l", "--user"}, paramLabel = "USER", description = "Log in as USER instead of the AMI's default user.")
    String user;

    @Option(names = {"-i", "--key"}, paramLabel = "FILE", description = "Private key file (.pem or .ppk): PEM, PKCS#8, OpenSSH or PuTTY format.")
    Path key;

    @Option(names = "--private", description = "Connect to the private IPv4 address (VPN, inside the VPC).")
    boolean privateAddress;

    @Option(names = "--address", paramLabel = "HOST",
            description = "Connect to HOST instead of the instance's address (bastion, NAT, tunnel).")
    String address;

    @Option(names = {"-p", "--port"}, paramLabel = "N", converter = Converters.Port.class,
            description = "SSH port. Default: the gangway:ssh-port tag, else 22.")
    Integer port;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "known_hosts file. Default: ~/.ssh/known_hosts (the sandbox keeps its own).")
    Path knownHosts;

    @Option(names = "--via", paramLabel = "ROUTE", converter = Converters.Via.class,
            description = "ssm: carry SSH over Session Manager (AWS-StartSSHSession), for an instance with port 22 "
                    + "closed or no address; eice: through the Instance Connect Endpoint in the instance's VPC, to "
                    + "its private address; direct: the instance's address. Default: direct, and ssm for a managed "
                    + "node (mi-).")
    Converters.Route via = Converters.Route.DIRECT;

    @Option(names = "--instance-connect",
            description = "Log in with a one-time key pushed by EC2 Instance Connect: no key pair or .pem needed.")
    boolean instanceConnect;

    /** The remote command's input (its end sent as EOF) and output: this process's own streams, bytes as they come. */
    InputStream remoteIn = System.in;
    OutputStream remoteOut = System.out;
    OutputStream remoteErr = System.err;
    /** The terminal to ask on; null when there is none (then nothing is asked and nothing unverifiable is trusted). */
    Console console = System.console();

    @Option(names = "--refresh",
            description = "Ask EC2 where the instance is, even when a listing or lookup of the last 24 hours knows it.")
    boolean refresh;

    /** What {@link #attempt} returns when a connection to what the cache said failed and EC2 should be asked. */
    private static final int ASK_AGAIN = -1;
    /** Why the attempt with what the cache said failed, said when EC2 says the same. */
    private String failure;
    /** Whether that attempt met another host key than the instance had. */
    private boolean pinRefused;
    /** The key file that logged in last time, and the instance's key pair then, or null. */
    private RememberedKey rememberedKey;

    private record RememberedKey(String keyPair, Path file) {
    }

    /** The key files this command opened: the second attempt asks no passphrase again. */
    private final Map<Path, KeyPair> openedKeys = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!instanceConnect) {
            InstanceOptions.requireKeyFile(key); // with Instance Connect no key file is read
        }
        LocalTerminal.requireFor(spec, command.isEmpty(), console, "ssh", instanceOptions.instanceRef);
        try (InstanceContext first = refresh ? instanceOptions.open(err) : instanceOptions.openKnown(err)) {
            // sntrup761's slow key, made on the other core while the key file is read and the TCP
            // connection made: unless the server is known to agree on another exchange (the key is
            // 250 MB of garbage and 100-300 ms of CPU that an ML-KEM server never uses).
            if (first.cachedConnection().map(c -> String.valueOf(c.keyExchange()).startsWith("sntrup")).orElse(true)) {
                SshConnector.prepare();
            }
            int status = attempt(first, err);
            if (status != ASK_AGAIN) {
                return status;
            }
            // What the cache said did not connect: ask EC2, and try again if the instance moved or stopped.
            InstanceContext fresh = first.lookedUpAgain(err);
            // Another host key than the instance had means another machine at that address, or the
            // same with new keys: either way the usual checks (known_hosts, console output) decide.
            if (!pinRefused && InstanceContext.sameWayIn(first.instance(), fresh.instance())) {
                err.println("gangway: " + failure);
                return ExitCodes.CONNECTION_FAILED;
            }
            LOG.info(first.instance().label() + " has changed since it was learned; connecting to it as EC2 says now");
            return attempt(fresh, err);
        }
    }

    /**
     * Plans, connects and runs the command or the shell. Returns {@link #ASK_AGAIN}, keeping the
     * reason in {@link #failure}, when the instance came from the cache and the connection or the
     * login failed.
     */
    private int attempt(InstanceContext context, PrintWriter err) throws Exception {
        boolean fromCache = context.cachedAge().isPresent();
        // What was set for this instance in the window, then these options over it.
        ConnectOptions options = context.connect().options(context.instance(), context.settings()).withUser(user)
                .withKey(key).withAddress(address).withPort(port).withKnownHosts(knownHosts)
                .withInstanceConnect(instanceConnect).withVia(via.via());
        if (privateAddress) {
            options = options.withPrivateAddress(true);
        }
        Optional<LastConnection> last = context.cachedConnection();
        if (options.key() == null && !instanceConnect && last.isPresent() && last.get().keyFile() != null
                && Files.isRegularFile(Path.of(last.get().keyFile()))) {
            // The key file that logged in last time: no key search, no DescribeKeyPairs. A wrong one
            // fails the login, and EC2 and the search are asked then.
            options = options.withKey(Path.of(last.get().keyFile()));
            rememberedKey = new RememberedKey(context.instance().keyName(), options.key());
        } else if (options.key() == null && !instanceConnect && rememberedKey != null
                && Objects.equals(rememberedKey.keyPair(), context.instance().keyName())) {
            // Asked again after what the cache said failed to connect, and the instance still has
            // that key pair: the same file, which need not be where the key search looks.
            options = options.withKey(rememberedKey.file());
        }
        ConnectQuestions questions = console == null ? ConnectQuestions.NONE : new TerminalQuestions(console);
        SshPlanner.Plan plan;
        try {
            plan = SshPlanner.of(context.connect()).withOpenedKeys(openedKeys).plan(context.instance(), options,
                    questions);
        } catch (CannotConnect | CloudException e) {
            if (!fromCache) {
                throw e;
            }
            return failed(true, e.getMessage(), err);
        }
        last.ifPresent(c -> plan.hostKeyCheck().pin(c.hostKey()));
        if (!fromCache) {
            warnAboutKey(plan, err);
        }
        Tunnel tunnel;
        try {
            tunnel = plan.open();
        } catch (IOException e) {
            return failed(fromCache, e.getMessage(), err);
        }
        try (SshConnector connector = new SshConnector();
             SshSession session = connector.connect(plan.target(), tunnel, plan.identity(),
                     plan.hostKeyCheck(), SshConnector.TIMEOUT)) {
            if (fromCache) {
                // Said once the cached route worked: a retry through EC2 would say it again.
                warnAboutKey(plan, err);
            }
            LOG.info("connected to " + plan.target().label() + " (" + plan.addressKind() + ") " + session.phases()
                    + ", key exchange " + session.keyExchange() + ", host key trusted by " + session.hostKeyTrustedBy());
            context.rememberConnection(new LastConnection(session.keyExchange(),
                    plan.hostKeyCheck().serverKey().orElse(null),
                    plan.keyFile() == null ? null : plan.keyFile().toAbsolutePath().toString()));
            if (command.isEmpty()) {
                context.refreshCacheInBackground();
                return interactive(session, err);
            }
            int status = session.exec(String.join(" ", command), remoteIn, remoteOut, remoteErr);
            if (session.endReason() != null) {
                err.println("gangway: the connection was lost: " + session.endReason());
            } else if (session.lastExecEndedWithout() != null) {
                // No exit status: a 255 with nothing said looked like the command's own (issue 27).
                String signal = session.lastExecEndedWithout();
                err.println("gangway: " + (signal.isEmpty() ? "the connection to " + context.instance().label()
                        + " closed before the command ended: the instance or its SSH server stopped, or the network "
                        + "dropped." : "the command was killed by signal " + signal + "."));
            }
            return status;
        } catch (SshConnectException e) {
            // From the cache, any failure may be the instance's doing (stopped, moved, its address
            // given to another): EC2 is asked before anything is said.
            pinRefused = plan.hostKeyCheck().refusedForPin();
            if (e.reason() == SshConnectException.Reason.AUTHENTICATION) {
                rememberedKey = null; // the file may be why: the retry searches as on a first connect
            }
            return failed(fromCache, plan.explain(e), err);
        }
    }

    private static void warnAboutKey(SshPlanner.Plan plan, PrintWriter err) {
        if (plan.keyFile() != null) {
            KeyFiles.permissionWarning(plan.keyFile()).ifPresent(w -> err.println("gangway: warning: " + w));
        }
    }

    private int failed(boolean fromCache, String why, PrintWriter err) {
        if (fromCache) {
            failure = why;
            LOG.info("no connection to what the cache said (" + why + "); asking EC2");
            return ASK_AGAIN;
        }
        err.println("gangway: " + why);
        return ExitCodes.CONNECTION_FAILED;
    }

    /** A shell in this terminal: raw keys to the server, its output to the screen, resizes passed on. */
    private int interactive(SshSession session, PrintWriter err) throws IOException {
        Optional<LocalTerminal> raw = LocalTerminal.rawMode();
        if (raw.isEmpty()) {
            err.println("gangway: this terminal cannot be switched to raw mode; give a command after --.");
            return ExitCodes.FAILED;
        }
        Integer status;
        try (LocalTerminal terminal = raw.get()) {
            int[] size = terminal.size();
            try (ShellChannel shell = session.openShell(size[0], size[1], LocalTerminal.type())) {
                status = TerminalBridge.run(shell, terminal, System.in, remoteOut);
            }
        }
        // The terminal is itself again before anything more is printed.
        if (status == null) {
            String why = session.endReason();
            err.println("gangway: the connection was lost" + (why == null ? "." : ": " + why));
            return ExitCodes.CONNECTION_FAILED;
        }
        return status;
    }

    /** For tests: where remote output goes. */
    void remoteStreams(PrintStream out, PrintStream errStream) {
        this.remoteOut = out;
        this.remoteErr = errStream;
    }
}
