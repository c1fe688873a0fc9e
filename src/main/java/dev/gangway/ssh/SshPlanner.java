package dev.gangway.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
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
import dev.gangway.connect.Reachability;
import dev.gangway.connect.Route;
import dev.gangway.connect.Tunnel;
import dev.gangway.connect.SessionManagerTunnels;
import dev.gangway.connect.keys.KeyFileException;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.LoginUser;
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
    private final EndpointTunnels endpoints;

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

    /** A planner for this run's cloud. */
    public static SshPlanner of(ConnectContext connect) {
        return new SshPlanner(connect.ec2(), new InstanceConnectClient(connect.access()), connect.tunnels(),
                connect.endpoints());
    }

    public Plan plan(Instance instance, ConnectOptions options, ConnectQuestions questions)
            throws CannotConnect, CloudException {
        if (instance.platform() == GuestOs.WINDOWS && options.user() == null) {
            throw new CannotConnect(instance.label() + " is a Windows instance: connect with Remote Desktop, or give "
                    + "a user if it runs an SSH server.");
        }
        Reachability.requireRunning(instance);
        Route route = Reachability.route(instance, options, tunnels, endpoints);
        String user = options.user() != null ? options.user()
                : LoginUser.forImage(instance.imageName(), instance.platformDetails())
                        .or(() -> questions.loginUser(instance)).orElse(null);
        if (user == null) {
            throw new CannotConnect("Cannot tell the login user of " + instance.label() + " from its AMI ("
                    + (instance.imageName() == null ? instance.imageId() : instance.imageName()) + "). Give the user.");
        }
        SshTarget target = new SshTarget(route.host(), options.port() != null ? options.port() : instance.sshPort(), user);
        HostKeyCheck check = new HostKeyCheck(options.knownHosts(), questions, target.host(), target.port(),
                consoleKeys(instance));
        if (route.tunnelled()) {
            check.byName();
        }
        Auth auth = new Reachability(ec2).auth(instance, options, questions);
        if (auth instanceof Auth.KeyPairFile file) {
            KeyFiles.PassphrasePrompt passphrase = questions::passphrase;
            try {
                return new Plan(target, KeyFiles.load(file.file(), passphrase), check, route, file.file(), false);
            } catch (KeyFileException e) {
                throw new CannotConnect(e.getMessage());
            }
        }
        // A key made for this one login, in memory only; the instance accepts it for 60 seconds.
        KeyPair once = oneTimeKey();
        instanceConnect.sendSshPublicKey(instance, user, PublicKeyEntry.toString(once.getPublic()));
        return new Plan(target, once, check, route, null, true);
    }

    private static KeyPair oneTimeKey() throws CannotConnect {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new CannotConnect("Could not make an ed25519 key for EC2 Instance Connect: " + e.getMessage());
        }
    }

    /**
     * The console output's host keys, asked for only when known_hosts does not know the host (the
     * check then waits for them during the key exchange): reconnecting to a host met before makes
     * no call to AWS.
     */
    private Supplier<ConsoleHostKeys> consoleKeys(Instance instance) {
        AtomicReference<ConsoleHostKeys> got = new AtomicReference<>();
        return () -> got.updateAndGet(known -> {
            if (known != null) {
                return known;
            }
            try {
                return ConsoleHostKeys.parse(ec2.consoleOutput(instance));
            } catch (CloudException e) {
                // No console output to compare with: known_hosts or the user decide.
                return ConsoleHostKeys.parse("");
            }
        });
    }
}
