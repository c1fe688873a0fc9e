package dev.gangway.connect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.gangway.connect.keys.KeyFinder;
import dev.gangway.instance.Instance;
import dev.gangway.instance.LoginUser;
import dev.gangway.settings.Settings;

/**
 * What the user chose for one connection, and where to look for keys and host keys. Each
 * {@code with...} replaces one choice; a null value keeps the current one, so an option the user
 * did not give changes nothing.
 *
 * @param user            the login user; null: the AMI's, else ask
 * @param key             the private key file; null: search the key folders
 * @param address         an address to connect to instead of the instance's (a bastion, a tunnel)
 * @param port            a port instead of the instance's SSH or RDP port
 * @param knownHosts      the known_hosts file that host keys are checked against and recorded in
 * @param keyFolders      where the key pair's private key is looked for, in order
 * @param instanceConnect log in with a one-time key pushed by EC2 Instance Connect
 * @param privateAddress  connect to the private IPv4 address (VPN, Direct Connect, inside the VPC)
 * @param via             what carries the connection: the address, Session Manager or an Instance Connect Endpoint
 */
public record ConnectOptions(String user, Path key, String address, Integer port, Path knownHosts,
                             List<Path> keyFolders, boolean instanceConnect, boolean privateAddress, Via via) {

    public ConnectOptions(String user, Path key, String address, Integer port, Path knownHosts, List<Path> keyFolders,
            boolean instanceConnect, boolean privateAddress) {
        this(user, key, address, port, knownHosts, keyFolders, instanceConnect, privateAddress, Via.ADDRESS);
    }

    public ConnectOptions {
        keyFolders = List.copyOf(keyFolders);
        via = via == null ? Via.ADDRESS : via;
    }

    /** Whether Session Manager carries the connection (chosen). */
    public boolean sessionManager() {
        return via == Via.SESSION_MANAGER;
    }

    /** Whether an Instance Connect Endpoint carries the connection (chosen). */
    public boolean endpoint() {
        return via == Via.ENDPOINT;
    }

    /** Nothing chosen; the user's key folders and ~/.ssh/known_hosts. */
    public static ConnectOptions defaults() {
        return new ConnectOptions(null, null, null, null, defaultKnownHosts(), KeyFinder.defaultFolders(), false, false,
                Via.ADDRESS);
    }

    public static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** The login user: the one given, else the one {@code instance}'s image implies; empty when only the user can say. */
    public Optional<String> loginUser(Instance instance) {
        return user != null ? Optional.of(user) : LoginUser.forImage(instance.imageName(), instance.platformDetails());
    }

    /** The SSH port to dial for {@code instance}: the one given, else the instance's own. */
    public int sshPort(Instance instance) {
        return port != null ? port : instance.sshPort();
    }

    public ConnectOptions withUser(String value) {
        return value == null ? this : new ConnectOptions(value, key, address, port, knownHosts, keyFolders,
                instanceConnect, privateAddress, via);
    }

    public ConnectOptions withKey(Path value) {
        return value == null ? this : new ConnectOptions(user, value, address, port, knownHosts, keyFolders,
                instanceConnect, privateAddress, via);
    }

    public ConnectOptions withAddress(String value) {
        return value == null ? this : new ConnectOptions(user, key, value, port, knownHosts, keyFolders,
                instanceConnect, privateAddress, via);
    }

    public ConnectOptions withPort(Integer value) {
        return value == null ? this : new ConnectOptions(user, key, address, value, knownHosts, keyFolders,
                instanceConnect, privateAddress, via);
    }

    public ConnectOptions withKnownHosts(Path value) {
        return value == null ? this : new ConnectOptions(user, key, address, port, value, keyFolders,
                instanceConnect, privateAddress, via);
    }

    /** The same, with {@code folder} looked in before the others. */
    public ConnectOptions withKeyFolderFirst(Path folder) {
        List<Path> folders = new ArrayList<>(keyFolders);
        folders.add(0, folder);
        return new ConnectOptions(user, key, address, port, knownHosts, folders, instanceConnect, privateAddress, via);
    }

    public ConnectOptions withInstanceConnect(boolean value) {
        return new ConnectOptions(user, key, address, port, knownHosts, keyFolders, value, privateAddress, via);
    }

    public ConnectOptions withPrivateAddress(boolean value) {
        return new ConnectOptions(user, key, address, port, knownHosts, keyFolders, instanceConnect, value, via);
    }

    /** The same, carried over Session Manager when {@code value}: SSH's own session, or a forward of the RDP port. */
    public ConnectOptions withSessionManager(boolean value) {
        return withVia(value ? Via.SESSION_MANAGER : Via.ADDRESS);
    }

    /** The same, carried as {@code value} says. */
    public ConnectOptions withVia(Via value) {
        return new ConnectOptions(user, key, address, port, knownHosts, keyFolders, instanceConnect, privateAddress,
                value);
    }

    /**
     * The same with what the user set for {@code instance} in the window (user, port, private
     * address, key file) or remembered for its key pair.
     */
    public ConnectOptions withSettingsFor(Instance instance, Settings settings) {
        Settings.InstanceLogin login = settings.login(instance.id());
        // A file the user set for this instance is used (and a missing one reported); a remembered key pair
        // file that has since gone is forgotten here, and the key folders are searched again.
        String file = login.keyFile() != null ? login.keyFile()
                : settings.keyFile(instance.keyName()).filter(f -> Files.isRegularFile(Path.of(f))).orElse(null);
        return withUser(login.user()).withKey(file == null ? null : Path.of(file)).withPort(login.port())
                .withPrivateAddress(login.privateAddress());
    }
}
