package dev.gangway.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.connect.Auth;
import dev.gangway.connect.CannotConnect;
import dev.gangway.connect.ConnectContext;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.EndpointTunnels;
import dev.gangway.connect.KeyLookahead;
import dev.gangway.connect.Reachability;
import dev.gangway.connect.Route;
import dev.gangway.connect.Tunnel;
import dev.gangway.connect.SessionManagerTunnels;
import dev.gangway.connect.keys.KeyFileException;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instanceconnect.InstanceConnectClient;

/**
 * Works out an SSH login, the same way for the window and the shell: the route {@link Reachability}
 * decides, the AMI's user, the key (the key pair's, confirmed by EC2's fingerprint, or a one-time
 * key pushed with EC2 Instance Connect), and a host-key check fed by known_hosts and the
 * instance's console output.
 */
public final class SshPlanner {

    /** Everything a connection needs, and the route it takes. */
    public record Plan(SshTarget target, KeyPair identity, HostKeyCheck hostKeyCheck, Route route, Path keyFile,
                       boolean instanceConnect) {

        /** Where the SSH client connects: the instance's address, or a Session Manager tunnel's local port. */
        public Tunnel open() throws IOException {
            return route.openSsh(target.port());
        }

        /** Which address was chosen, in words ("public DNS", "IPv6", "the address you gave", "Session Manager"). */
        public String addressKind() {
            return route.kind();
        }

        /** A login failure in words that fit how this plan logs in. */
        public String explain(SshConnectException e) {
            if (instanceConnect && e.reason() == SshConnectException.Reason.AUTHENTICATION) {
                return target.label() + " did not accept the key pushed with EC2 Instance Connect. EC2 Instance "
                        + "Connect may not be installed on the instance (it comes with Amazon Linux 2 and 2023 and "
                        + "Ubuntu 20.04 and later), or '" + target.user() + "' is not its user; the key was "
                        + "accepted for 60 seconds only.";
            }
            return e.getMessage();
        }
    }

    private final Ec2Calls ec2;
    private final InstanceConnectClient instanceConnect;
    private final SessionManagerTunnels tunnels;
    /** The sandbox's: only loopback addresses are dialled. */
    private boolean loopbackOnly;
    private final EndpointTunnels endpoints;
    /** Console output asked for ahead (the window's, when a row is selected), or null. */
    private ConsoleLookahead lookahead;
    /** The key search done ahead (the window's, when a row is selected), or null. */
    private KeyLookahead keyLookahead;
    /** Key files already opened, by absolute path: a passphrase is asked once. */
    private Map<Path, KeyPair> openedKeys = new HashMap<>();

    public SshPlanner(Ec2Calls ec2, InstanceConnectClient instanceConnect) {
        this(ec2, instanceConnect, SessionManagerTunnels.NONE, EndpointTunnels.NONE);
    }

    public SshPlanner(Ec2Calls ec2, InstanceConnectClient instanceConnect, SessionManagerTunnels tunnels,
            EndpointTunnels endpoints) {
        this.ec2 = ec2;
        this.instanceConnect = instanceConnect;
        this.tunnels = tunnels;
        this.endpoints = endpoints;
    }

    /** This planner, taking console output {@code lookahead} asked for before the user connected. */
    public SshPlanner withLookahead(ConsoleLookahead ahead) {
        this.lookahead = ahead;
        return this;
    }

    /**
     * This planner, taking a key file from {@code opened} when this run already opened it (and adding
     * those it opens): a command that plans twice (what the cache knew, then what EC2 says) asks an
     * encrypted key's passphrase once. The keys stay in memory as long as the map does.
     */
    public SshPlanner withOpenedKeys(Map<Path, KeyPair> opened) {
        this.openedKeys = opened;
        return this;
    }

    /** This planner, taking the key search {@code ahead} did before the user connected. */
    public SshPlanner withKeyLookahead(KeyLookahead ahead) {
        this.keyLookahead = ahead;
        return this;
    }

    /** A planner for this run's cloud. */
    public static SshPlanner of(ConnectContext connect) {
        SshPlanner planner = new SshPlanner(connect.ec2(), new InstanceConnectClient(connect.access()),
                connect.tunnels(), connect.endpoints());
        planner.loopbackOnly = connect.loopbackOnly();
        return planner;
    }

    public Plan plan(Instance instance, ConnectOptions options, ConnectQuestions questions)
            throws CannotConnect, CloudException {
        if (instance.platform() == GuestOs.WINDOWS && options.user() == null) {
            throw new CannotConnect(instance.label() + " is a Windows instance: connect with Remote Desktop, or give "
                    + "a user if it runs an SSH server.");
        }
        Reachability.requireRunning(instance);
        Route route = Reachability.route(instance, options, tunnels, endpoints);
        if (loopbackOnly && !route.tunnelled()) {
            Reachability.requireLoopback(instance, route.host());
        }
        String user = options.loginUser(instance).or(() -> questions.loginUser(instance)).orElse(null);
        if (user == null) {
            throw new CannotConnect("Cannot tell the login user of " + instance.label() + " from its AMI ("
                    + (instance.imageName() == null ? instance.imageId() : instance.imageName()) + "). "
                    + questions.howToGive(ConnectQuestions.Given.USER));
        }
        SshTarget target = new SshTarget(route.host(), options.sshPort(instance), user);
        HostKeyCheck check = new HostKeyCheck(options.knownHosts(), questions, target.host(), target.port(),
                consoleKeys(instance, !HostKeyCheck.knows(options.knownHosts(), target.host(), target.port())));
        if (route.tunnelled()) {
            check.byName();
        }
        Auth auth = new Reachability(ec2).withKeyLookahead(keyLookahead).auth(instance, options, questions);
        if (auth instanceof Auth.KeyPairFile file) {
            KeyFiles.PassphrasePrompt passphrase = questions::passphrase;
            try {
                return new Plan(target, open(file.file(), passphrase), check, route, file.file(), false);
            } catch (KeyFileException e) {
                throw new CannotConnect(e.getMessage());
            }
        }
        // A key made for this one login, in memory only; the instance accepts it for 60 seconds.
        KeyPair once = oneTimeKey();
        instanceConnect.sendSshPublicKey(instance, user, PublicKeyEntry.toString(once.getPublic()));
        return new Plan(target, once, check, route, null, true);
    }

    private KeyPair open(Path file, KeyFiles.PassphrasePrompt passphrase) throws KeyFileException {
        Path where = file.toAbsolutePath().normalize();
        KeyPair opened = openedKeys.get(where);
        if (opened == null) {
            opened = KeyFiles.load(file, passphrase);
            openedKeys.put(where, opened);
        }
        return opened;
    }

    private static KeyPair oneTimeKey() throws CannotConnect {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new CannotConnect("Could not make an ed25519 key for EC2 Instance Connect: " + e.getMessage());
        }
    }

    /** How long the host-key check waits for the console output before leaving it to known_hosts or the user. */
    static final Duration CONSOLE_WAIT = Duration.ofSeconds(12);

    /**
     * The console output's host keys. Asked for at once when known_hosts has no key for the host (the
     * key exchange then finds them, or waits for them at most {@link #CONSOLE_WAIT}, within the
     * login's timeout); else only if the check needs them, which it does not for a host met before:
     * a reconnect makes no call to AWS.
     */
    private Supplier<ConsoleHostKeys> consoleKeys(Instance instance, boolean needed) {
        // No console output to compare with (null): known_hosts or the user decide.
        Supplier<CompletableFuture<ConsoleHostKeys>> fetch = () -> ConsoleLookahead.read(ec2, instance)
                .thenApply(keys -> keys != null ? keys : ConsoleHostKeys.parse(""));
        AtomicReference<CompletableFuture<ConsoleHostKeys>> asked = new AtomicReference<>();
        Optional<CompletableFuture<ConsoleHostKeys>> ready = lookahead == null ? Optional.empty()
                : lookahead.ahead(instance);
        if (ready.isPresent()) {
            // Asked for when the row was selected; a failed answer (null) is asked for again, now.
            asked.set(ready.get().thenCompose(keys -> keys != null ? CompletableFuture.completedFuture(keys)
                    : fetch.get()));
        } else if (needed) {
            asked.set(fetch.get());
        }
        Supplier<CompletableFuture<ConsoleHostKeys>> ask = () -> {
            if (asked.get() == null) {
                asked.compareAndSet(null, fetch.get());
            }
            return asked.get();
        };
        return () -> {
            try {
                return ask.get().get(CONSOLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return ConsoleHostKeys.parse("");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ConsoleHostKeys.parse("");
            }
        };
    }
}
