package dev.gangway.connect;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.connect.keys.KeyFinder;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.PortExposure;

/**
 * The one place that decides how an instance is reached ({@link Route}) and how a login proves
 * who it is ({@link Auth}), for SSH, Remote Desktop and the Windows password alike.
 */
public final class Reachability {

    private final Ec2Calls ec2;
    private KeyLookahead keyLookahead;

    public Reachability(Ec2Calls ec2) {
        this.ec2 = ec2;
    }

    /** This, taking the key search done ahead by {@code lookahead} (the window's, when a row is selected). */
    public Reachability withKeyLookahead(KeyLookahead lookahead) {
        this.keyLookahead = lookahead;
        return this;
    }

    /** Refuses an instance that is not running, saying so. */
    public static void requireRunning(Instance instance) throws CannotConnect {
        if (instance.state() != InstanceState.RUNNING) {
            throw new CannotConnect(instance.label() + " is " + instance.state().ec2Name() + switch (instance.state()) {
                case STOPPED -> ": start it first (gangway start).";
                case STOPPING -> ": it is stopping; start it again once it has stopped.";
                case PENDING -> ": it is starting; try again in a minute.";
                case TERMINATED, SHUTTING_DOWN -> ": a terminated instance cannot be started again, nor reached.";
                default -> ".";
            });
        }
    }

    /** The address the user gave, else the private IP when they chose it, else the instance's own address. */
    public static Route route(Instance instance, ConnectOptions options) throws CannotConnect {
        return route(instance, options, SessionManagerTunnels.NONE);
    }

    /**
     * Session Manager when chosen (or for a managed node outside EC2, which has no other way in),
     * else as {@link #route(Instance, ConnectOptions)}.
     */
    public static Route route(Instance instance, ConnectOptions options, SessionManagerTunnels tunnels)
            throws CannotConnect {
        return route(instance, options, tunnels, EndpointTunnels.NONE);
    }

    /**
     * An Instance Connect Endpoint when chosen (to the private address), else Session Manager when
     * chosen (or for a managed node outside EC2, which has no other way in), else as
     * {@link #route(Instance, ConnectOptions)}.
     */
    public static Route route(Instance instance, ConnectOptions options, SessionManagerTunnels tunnels,
            EndpointTunnels endpoints) throws CannotConnect {
        if (options.endpoint()) {
            if (instance.isManagedNode()) {
                throw new CannotConnect(instance.label() + " is a managed node outside EC2: an Instance Connect "
                        + "Endpoint cannot reach it. Use Session Manager.");
            }
            if (instance.privateIp() == null && instance.ipv6Addresses().isEmpty()) {
                throw new CannotConnect(instance.label() + " has no private address for an Instance Connect Endpoint "
                        + "to reach.");
            }
            return new Route.InstanceConnectEndpoint(instance, endpoints);
        }
        if (options.sessionManager() || instance.isManagedNode() && options.address() == null) {
            if (!instance.sessionManagerOnline()) {
                throw new CannotConnect(instance.label() + " has no Session Manager agent online"
                        + (instance.agent() == null ? "" : " (" + instance.agent().ping().label() + ")")
                        + ": start the instance, and check that the SSM Agent runs and its role allows Session Manager.");
            }
            return new Route.SessionManager(instance, tunnels);
        }
        if (options.address() != null) {
            return new Route.GivenAddress(options.address());
        }
        if (options.privateAddress()) {
            if (instance.privateIp() == null) {
                throw new CannotConnect(instance.label() + " has no private IPv4 address. Connect to its public "
                        + "address instead (Connection settings).");
            }
            return new Route.PrivateIp(instance.privateIp());
        }
        return publicRoute(instance).orElseThrow(() -> new CannotConnect(noPublicAddress(instance)));
    }

    /**
     * Why an instance with no public address is not dialled, and what reaches it. Its private address
     * is dialled only when the user chose it (from inside the VPC or over a VPN): tried unasked, it
     * timed out with a message about security groups.
     */
    static String noPublicAddress(Instance instance) {
        return instance.label() + " has no public address: it is reachable only from inside its VPC (or over a VPN "
                + "to it), through an Instance Connect Endpoint in its VPC, or through Session Manager"
                + (instance.sessionManagerOnline() ? "" : " once its SSM agent is online") + "."
                + (instance.privateIp() == null ? "" : " From inside the VPC, connect to its private address "
                        + instance.privateIp() + " (in the window: Login settings…, Private IPv4; in the shell: "
                        + "--private).");
    }

    /**
     * Refuses {@code host} unless it is a loopback address: the sandbox's other addresses (TEST-NET
     * IPs, names under .invalid) are made up, and nothing Gangway does in the sandbox leaves this
     * machine (issue 26).
     */
    public static void requireLoopback(Instance instance, String host) throws CannotConnect {
        if (!isLoopback(host)) {
            throw new CannotConnect(instance.label() + "'s address " + host + " is one the sandbox made up: in the "
                    + "sandbox Gangway dials only 127.0.0.1. Session Manager and the Instance Connect Endpoint reach "
                    + "the others.");
        }
    }

    /** 127.0.0.0/8, ::1 or localhost, written as such (no name is looked up). */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Public DNS, then public IPv4, then IPv6: an address outside the instance's VPC can dial. */
    public static Optional<Route.PublicAddress> publicRoute(Instance i) {
        if (i.publicDns() != null && !i.publicDns().isBlank()) {
            return Optional.of(new Route.PublicAddress(i.publicDns(), "public DNS"));
        }
        if (i.publicIp() != null) {
            return Optional.of(new Route.PublicAddress(i.publicIp(), "public IPv4"));
        }
        if (!i.ipv6Addresses().isEmpty()) {
            return Optional.of(new Route.PublicAddress(i.ipv6Addresses().get(0), "IPv6"));
        }
        return Optional.empty();
    }

    /** The way a terminal opens on double-click and Enter. */
    public enum ShellRoute {
        SSH,
        SESSION_MANAGER
    }

    /**
     * SSH when it can work (an address, port 22 open to the user, a key known or Instance Connect
     * chosen), otherwise Session Manager when the instance's agent is online; a managed node outside
     * EC2 always Session Manager. What the user set for the instance (an address, the private IP)
     * means SSH. With no agent online, SSH, which says what is missing.
     *
     * @param ssh      what the security groups say of the SSH port for the user's address
     * @param keyKnown whether a private key for the instance's key pair is at hand (given, or found by name)
     */
    public static ShellRoute shellRoute(Instance instance, ConnectOptions options, PortExposure.Verdict ssh,
            boolean keyKnown) {
        if (instance.isManagedNode()) {
            return ShellRoute.SESSION_MANAGER;
        }
        if (!instance.sessionManagerOnline() || options.address() != null || options.privateAddress()) {
            return ShellRoute.SSH;
        }
        boolean address = instance.hasPublicAddress();
        boolean portOpen = ssh == PortExposure.Verdict.OPEN_TO_ANYONE || ssh == PortExposure.Verdict.OPEN_TO_YOU;
        boolean login = options.instanceConnect() || options.key() != null || keyKnown;
        return address && portOpen && login ? ShellRoute.SSH : ShellRoute.SESSION_MANAGER;
    }

    /** Whether a private key file for {@code instance}'s key pair is given or lies in the key folders (no prompt). */
    public static boolean keyKnown(Instance instance, ConnectOptions options) {
        return options.key() != null || instance.keyName() != null
                && !new KeyFinder(options.keyFolders()).candidates(instance.keyName()).isEmpty();
    }

    /** A one-time key pushed with EC2 Instance Connect when chosen, else the key pair's private key file. */
    public Auth auth(Instance instance, ConnectOptions options, ConnectQuestions questions)
            throws CannotConnect, CloudException {
        return options.instanceConnect() ? new Auth.InstanceConnectKey()
                : new Auth.KeyPairFile(keyFile(instance, options, questions));
    }

    /**
     * The private key file of the instance's key pair: the one given, else one named after the key
     * pair in the key folders and matching EC2's fingerprint, else the one the user picks. Windows
     * passwords are decrypted with the same file.
     */
    public Path keyFile(Instance instance, ConnectOptions options, ConnectQuestions questions)
            throws CannotConnect, CloudException {
        return options.key() != null ? options.key() : findKey(instance, options.keyFolders(), questions);
    }

    private Path findKey(Instance instance, List<Path> folders, ConnectQuestions questions)
            throws CannotConnect, CloudException {
        String why;
        if (instance.isManagedNode()) {
            why = instance.label() + " is a managed node outside EC2, with no EC2 key pair to log in with (a Session "
                    + "Manager shell needs none).";
        } else if (instance.keyName() == null) {
            why = instance.label() + " was launched without a key pair.";
        } else {
            KeyFinder finder = new KeyFinder(folders);
            // Searched for already when the row was selected (the window), else now.
            Optional<KeyLookahead.Found> ahead = keyLookahead == null ? Optional.empty()
                    : keyLookahead.ready(instance, folders);
            Optional<Path> found = ahead.flatMap(KeyLookahead::stillThere);
            if (found.isEmpty()) {
                Optional<String> fingerprint = ahead.isPresent() ? ahead.get().fingerprint()
                        : ec2.keyPairFingerprint(instance);
                found = finder.find(instance.keyName(), fingerprint.orElse(null));
            }
            if (found.isEmpty()) {
                // Only encrypted or mismatching candidates: try the first, asking for its passphrase if it has one.
                found = finder.candidates(instance.keyName()).stream().findFirst();
            }
            if (found.isPresent()) {
                return found.get();
            }
            why = "No private key for key pair '" + instance.keyName() + "' in " + folders + " (looked for "
                    + instance.keyName() + ".pem and .key).";
        }
        return questions.keyFile(instance, why).orElseThrow(() -> new CannotConnect(why + " "
                + questions.howToGive(ConnectQuestions.Given.KEY)));
    }
}
