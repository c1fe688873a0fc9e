package dev.gangway.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.sshd.client.config.hosts.KnownHostDigest;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.util.net.SshdSocketAddress;

import dev.gangway.common.PrivateFiles;
import dev.gangway.connect.HostKeyPrompt;
import dev.gangway.connect.keys.KeyFiles;

/**
 * How one connection decides whether to trust the server's host key: OpenSSH's known_hosts file
 * first (read and written by MINA's own known_hosts support, hashed entries and the
 * {@code [host]:port} form included), then the user. A key that differs from the one known for
 * the host is refused, never replaced. One instance per connection: it remembers why it refused.
 */
public final class HostKeyCheck {

    /** How a key vouched for by the console output is reported. */
    public static final String CONSOLE = "the instance's console output";

    /** Whether the key is looked up by {@code host}:{@code port} alone, not by the address connected to. */
    private boolean byName;

    /** Why a host key was refused, in words for the user. */
    public record Refusal(String message) {
    }

    private final Path knownHosts;
    private final HostKeyPrompt prompt;
    private final String host;
    private final int port;
    private volatile Refusal refusal;
    private volatile String acceptedBy;
    /** The one key the server must show (a connection to an instance known from the cache), or null. */
    private volatile String pinned;
    private volatile boolean pinRefused;
    /** The fingerprint of the key the server showed, once it has. */
    private volatile String serverKey;

    private final Supplier<ConsoleHostKeys> console;

    public HostKeyCheck(Path knownHosts, HostKeyPrompt prompt, String host, int port) {
        this(knownHosts, prompt, host, port, new ConsoleHostKeys(List.of()));
    }

    /**
     * @param console the fingerprints from the instance's console output: a key they list is
     *                trusted (and remembered) without asking; a key they do not list is refused
     */
    public HostKeyCheck(Path knownHosts, HostKeyPrompt prompt, String host, int port, ConsoleHostKeys console) {
        this(knownHosts, prompt, host, port, () -> console);
    }

    /**
     * @param console where the console output's fingerprints come from, asked only when known_hosts
     *                has no key for the host: a host met before costs no call to AWS
     */
    public HostKeyCheck(Path knownHosts, HostKeyPrompt prompt, String host, int port,
            Supplier<ConsoleHostKeys> console) {
        this.knownHosts = knownHosts;
        this.prompt = prompt;
        this.host = host;
        this.port = port;
        this.console = console;
    }

    /** Why the server's key was refused, if it was. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * How the server's key came to be trusted ("known_hosts", {@link #CONSOLE}, "you"), once the
     * connection is up.
     */
    public Optional<String> acceptedBy() {
        return Optional.ofNullable(acceptedBy);
    }

    /**
     * Accepts only the key with this SHA-256 fingerprint, before known_hosts is asked: the key the
     * instance had when Gangway last connected to it, for a connection to where the cache says it
     * is. Another key means another machine (an address moved on), not a decision for the user.
     */
    public HostKeyCheck pin(String fingerprint) {
        pinned = fingerprint;
        return this;
    }

    /** Whether the server's key was refused for not being the pinned one. */
    public boolean refusedForPin() {
        return pinRefused;
    }

    /** The SHA-256 fingerprint of the server's host key, once the server has shown it. */
    public Optional<String> serverKey() {
        return Optional.ofNullable(serverKey);
    }

    /**
     * Checks the key against the entry for the host's name alone, for a connection through a local
     * tunnel: 127.0.0.1 and a port that changes with every tunnel say nothing about the server.
     */
    public HostKeyCheck byName() {
        byName = true;
        return this;
    }

    ServerKeyVerifier verifier() {
        ServerKeyVerifier unknown = (session, address, key) -> {
            String fp = KeyFiles.fingerprint(key);
            ConsoleHostKeys console = this.console.get();
            if (!console.isEmpty()) {
                if (console.vouchesFor(key)) {
                    acceptedBy = CONSOLE;
                    return true;
                }
                refusal = new Refusal("WARNING: the host key of " + where() + " (" + fp + ") is not one of the keys "
                        + "the instance printed to its console output at boot. Someone could be intercepting the "
                        + "connection (man-in-the-middle), so Gangway refused it. Check that the address belongs to "
                        + "this instance.");
                return false;
            }
            if (prompt.trustUnknownKey(host, port, KeyUtils.getKeyType(key), fp)) {
                acceptedBy = "you";
                return true;
            }
            refusal = new Refusal("The host key of " + where() + " (" + fp + ") is not in " + knownHosts
                    + " and was not accepted.");
            return false;
        };
        KnownHostsServerKeyVerifier known = new KnownHostsServerKeyVerifier(unknown, knownHosts) {
            @Override
            public boolean verifyServerKey(ClientSession session, SocketAddress address, PublicKey key) {
                boolean ok = super.verifyServerKey(session, address, key);
                if (ok && acceptedBy == null) {
                    acceptedBy = "known_hosts";
                }
                return ok;
            }

            @Override
            public boolean acceptModifiedServerKey(ClientSession session, SocketAddress address, KnownHostEntry entry,
                    PublicKey expected, PublicKey actual) {
                refusal = new Refusal("WARNING: the host key of " + where() + " has changed. It is now "
                        + KeyFiles.fingerprint(actual) + ", but " + knownHosts + " says "
                        + KeyFiles.fingerprint(expected) + ". Someone could be intercepting the connection "
                        + "(man-in-the-middle), so Gangway refused it. If the instance was rebuilt or its address "
                        + "reused, remove the old entry with: ssh-keygen -R " + knownHostsName());
                return false;
            }

            /** As OpenSSH: a missing ~/.ssh is made 0700 and a new known_hosts 0600 before the first entry. */
            @Override
            protected KnownHostEntry updateKnownHostsFile(ClientSession session, SocketAddress address, PublicKey key,
                    Path file, Collection<HostEntryPair> entries) throws Exception {
                prepareKnownHostsFile(file);
                return super.updateKnownHostsFile(session, address, key, file, entries);
            }

            @Override
            protected Collection<SshdSocketAddress> resolveHostNetworkIdentities(ClientSession session,
                    SocketAddress address) {
                return byName ? List.of(new SshdSocketAddress(host, port))
                        : super.resolveHostNetworkIdentities(session, address);
            }

            @Override
            protected NamedFactory<Mac> getHostValueDigester(ClientSession session, SocketAddress address,
                    SshdSocketAddress hostIdentity) {
                // Written hashed, like OpenSSH with HashKnownHosts (Debian's and Ubuntu's default).
                return KnownHostDigest.SHA1;
            }
        };
        return (session, address, key) -> {
            String fp = KeyFiles.fingerprint(key);
            serverKey = fp;
            if (pinned != null && !pinned.equals(fp)) {
                pinRefused = true;
                refusal = new Refusal("The host key of " + where() + " (" + fp + ") is not the one the instance had "
                        + "when Gangway last connected to it (" + pinned + ").");
                return false;
            }
            return known.verifyServerKey(session, address, key);
        };
    }

    /**
     * Whether {@code knownHosts} has any key for {@code host}:{@code port} (hashed entries and the
     * {@code [host]:port} form included): if not, the console output will be needed.
     */
    static boolean knows(Path knownHosts, String host, int port) {
        if (knownHosts == null || !Files.isRegularFile(knownHosts)) {
            return false;
        }
        try {
            return KnownHostEntry.readKnownHostEntries(knownHosts).stream().anyMatch(e -> e.isHostMatch(host, port));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Makes {@code file}'s folder (0700, as OpenSSH makes ~/.ssh) and the file itself (0600) when missing. */
    static void prepareKnownHostsFile(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            PrivateFiles.directory(folder);
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            PrivateFiles.createIfMissing(file);
        }
    }

    private String where() {
        return port == 22 ? host : host + " port " + port;
    }

    private String knownHostsName() {
        return port == 22 ? host : "'[" + host + "]:" + port + "'";
    }
}
