package dev.gangway.ssh;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import dev.gangway.cloud.CloudException;
import dev.gangway.cloud.Instance;
import dev.gangway.cloud.InstanceLookups;
import dev.gangway.cloud.InstanceState;
import dev.gangway.cloud.LoginUser;
import dev.gangway.cloud.GuestOs;

/**
 * Works out how to log in to an instance, the same way for the window and the shell: address and
 * port, the AMI's user, the key pair's private key (confirmed by EC2's fingerprint), and a host-key
 * check fed by known_hosts and the instance's console output.
 */
public final class InstanceSsh {

    /** Overrides from the user (null: work it out), and where to look. */
    public record Options(String user, Path key, String address, Integer port, Path knownHosts, List<Path> keyFolders,
                          boolean instanceConnect, boolean privateAddress) {

        public Options {
            keyFolders = List.copyOf(keyFolders);
        }

        public static Options defaults() {
            return new Options(null, null, null, null, defaultKnownHosts(), KeyFinder.defaultFolders(), false, false);
        }

        /** The same, logging in with a one-time key pushed by EC2 Instance Connect instead of the key pair. */
        public Options withInstanceConnect(boolean value) {
            return new Options(user, key, address, port, knownHosts, keyFolders, value, privateAddress);
        }

        /** The same, connecting to the private IPv4 address (VPN, Direct Connect, inside the VPC) when {@code value}. */
        public Options withPrivateAddress(boolean value) {
            return new Options(user, key, address, port, knownHosts, keyFolders, instanceConnect, value);
        }

        /** The same with what the user gave instead (null keeps what is here). */
        public Options withOverrides(String userOverride, Path keyOverride, String addressOverride, Integer portOverride,
                Path knownHostsOverride) {
            return new Options(userOverride != null ? userOverride : user, keyOverride != null ? keyOverride : key,
                    addressOverride != null ? addressOverride : address, portOverride != null ? portOverride : port,
                    knownHostsOverride != null ? knownHostsOverride : knownHosts, keyFolders, instanceConnect,
                    privateAddress);
        }

        /** The defaults, with {@code keyFolder} looked in first and another known_hosts file. */
        public static Options with(Path keyFolder, Path knownHostsFile) {
            List<Path> folders = new ArrayList<>(KeyFinder.defaultFolders());
            folders.add(0, keyFolder);
            return new Options(null, null, null, null, knownHostsFile, folders, false, false);
        }

        public static Path defaultKnownHosts() {
            return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        }
    }

    /** Everything a connection needs, and which address was chosen ("public DNS", "IPv6", ...). */
    public record Plan(SshTarget target, KeyPair identity, HostKeyCheck hostKeyCheck, String addressKind, Path keyFile,
                       boolean instanceConnect) {

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

    /** Why there is no plan, in a sentence for the user. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final InstanceLookups lookups;

    public InstanceSsh(InstanceLookups lookups) {
        this.lookups = lookups;
    }

    public Plan plan(Instance instance, Options options, ConnectQuestions questions) throws Refused, CloudException {
        if (instance.platform() == GuestOs.WINDOWS && options.user() == null) {
            throw new Refused(label(instance) + " is a Windows instance: connect with Remote Desktop, or give a user "
                    + "if it runs an SSH server.");
        }
        if (instance.state() != InstanceState.RUNNING) {
            throw new Refused(label(instance) + " is " + instance.state().ec2Name() + ". Start it first.");
        }
        Address address;
        if (options.address() != null) {
            address = new Address(options.address(), "the address you gave");
        } else if (options.privateAddress()) {
            if (instance.privateIp() == null) {
                throw new Refused(label(instance) + " has no private IPv4 address. Connect to its public address "
                        + "instead (Connection settings).");
            }
            address = new Address(instance.privateIp(), "private IPv4, as you chose");
        } else {
            address = addressOf(instance);
        }
        if (address == null) {
            throw new Refused(label(instance) + " has no address Gangway can reach. Give one (a bastion or tunnel), "
                    + "or use Session Manager.");
        }
        String user = options.user() != null ? options.user()
                : LoginUser.forImage(instance.imageName(), instance.platformDetails())
                        .or(() -> questions.loginUser(instance)).orElse(null);
        if (user == null) {
            throw new Refused("Cannot tell the login user of " + label(instance) + " from its AMI ("
                    + (instance.imageName() == null ? instance.imageId() : instance.imageName()) + "). Give the user.");
        }
        SshTarget target = new SshTarget(address.host(), options.port() != null ? options.port() : instance.sshPort(), user);
        HostKeyCheck check = new HostKeyCheck(options.knownHosts(), questions, target.host(), target.port(),
                consoleKeys(instance));
        if (options.instanceConnect()) {
            // A key made for this one login, in memory only; the instance accepts it for 60 seconds.
            KeyPair once = oneTimeKey();
            lookups.sendSshPublicKey(instance, user, PublicKeyEntry.toString(once.getPublic()));
            return new Plan(target, once, check, address.kind(), null, true);
        }
        Path keyFile = keyFile(instance, options, questions);
        KeyFiles.PassphrasePrompt passphrase = questions::passphrase;
        KeyPair identity;
        try {
            identity = KeyFiles.load(keyFile, passphrase);
        } catch (KeyFileException e) {
            throw new Refused(e.getMessage());
        }
        return new Plan(target, identity, check, address.kind(), keyFile, false);
    }

    private static KeyPair oneTimeKey() throws Refused {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new Refused("Could not make an ed25519 key for EC2 Instance Connect: " + e.getMessage());
        }
    }

    /**
     * The private key file of the instance's key pair: the one given, else one named after the key
     * pair in the key folders and matching EC2's fingerprint, else the one the user picks. Windows
     * passwords are decrypted with the same file.
     */
    public Path keyFile(Instance instance, Options options, ConnectQuestions questions) throws Refused, CloudException {
        return options.key() != null ? options.key() : findKey(instance, options.keyFolders(), questions);
    }

    private Path findKey(Instance instance, List<Path> folders, ConnectQuestions questions) throws Refused, CloudException {
        String why;
        if (instance.keyName() == null) {
            why = label(instance) + " was launched without a key pair.";
        } else {
            KeyFinder finder = new KeyFinder(folders);
            Optional<Path> found = finder.find(instance.keyName(), lookups.keyPairFingerprint(instance).orElse(null));
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
        return questions.keyFile(instance, why).orElseThrow(() -> new Refused(why + " Give the key file."));
    }

    private ConsoleHostKeys consoleKeys(Instance instance) {
        try {
            return ConsoleHostKeys.parse(lookups.consoleOutput(instance));
        } catch (CloudException e) {
            // No console output to compare with: known_hosts or the user decide.
            return ConsoleHostKeys.parse("");
        }
    }

    /** A host name or address to connect to, and what it is ("public DNS", "IPv6", ...). */
    public record Address(String host, String kind) {
    }

    /** Public DNS, then public IPv4, then IPv6, then the private address (reachable over a VPN or in the VPC). */
    public static Address addressOf(Instance i) {
        if (i.publicDns() != null && !i.publicDns().isBlank()) {
            return new Address(i.publicDns(), "public DNS");
        }
        if (i.publicIp() != null) {
            return new Address(i.publicIp(), "public IPv4");
        }
        if (!i.ipv6Addresses().isEmpty()) {
            return new Address(i.ipv6Addresses().get(0), "IPv6");
        }
        return i.privateIp() == null ? null : new Address(i.privateIp(), "private IPv4");
    }

    public static String label(Instance i) {
        return i.displayName().equals(i.id()) ? i.id() : i.name() + " (" + i.id() + ")";
    }
}
