package dev.gangway.sandbox.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import dev.gangway.common.HostOs;
import dev.gangway.common.PrivateFiles;
import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.sandbox.world.SeedWorld;

/**
 * One real SSH server (Apache MINA SSHD) on loopback per sandbox Linux instance, each with its own
 * host key (printed in the instance's console output) and the instance's OS user. It accepts the
 * sandbox key pair only, and only while the instance is running.
 */
public final class SandboxSshServers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SandboxSshServers.class.getName());
    /** Held so the JUL logger (weakly referenced) keeps its level: MINA logs every server start at INFO. */
    private static final Logger SSHD_LOG = Logger.getLogger("org.apache.sshd");

    static {
        SSHD_LOG.setLevel(Level.WARNING);
    }

    private final List<SshServer> servers = new ArrayList<>();

    private final Map<String, SshServer> byInstance = new ConcurrentHashMap<>();

    public void start(SandboxWorld world, PublicKey userKey, Path dataDirectory, Clock clock) throws IOException {
        for (Machine m : world.machines()) {
            if (m.backed) {
                SshServer server = startFor(world, m, userKey, dataDirectory, clock);
                servers.add(server);
                byInstance.put(m.id, server);
            }
        }
        // An instance that stops or reboots drops its SSH connections, as a real one does.
        world.whenDown(m -> {
            SshServer server = byInstance.get(m.id);
            if (server != null) {
                server.getActiveSessions().forEach(session -> session.close(true));
            }
        });
    }

    private SshServer startFor(SandboxWorld world, Machine m, PublicKey userKey, Path dataDirectory,
            Clock clock) throws IOException {
        Path keys = PrivateFiles.directory(dataDirectory.resolve("host-keys"));
        Path home = PrivateFiles.directory(dataDirectory.resolve("homes").resolve(m.id));
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(keys.resolve(m.id + ".ser"));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);

        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(bindAddress(m));
        sshd.setPort(0);
        sshd.setKeyPairProvider(hostKeys);
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator((username, key, session) ->
                m.state() == InstanceState.RUNNING
                        && (m.osUser().equals(username) && KeyUtils.compareKeys(userKey, key)
                            || m.acceptsPushedKey(username, key, clock.instant())));
        String host = m.privateIp == null ? m.id : "ip-" + m.privateIp.replace('.', '-');
        String prompt = "[" + m.osUser() + "@" + host + " \\W]\\$ ";
        Path nativeFolder = dataDirectory.resolve("native");
        sshd.setShellFactory(channel -> new PtyShellCommand(home, nativeFolder, prompt));
        sshd.setCommandFactory((channel, command) -> new ExecProcessCommand(shellCommand(command), home));
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                if (m.state() != InstanceState.RUNNING) {
                    // A stopped instance has no sshd: close before the handshake, like a refused port.
                    session.close(true);
                }
            }
        });
        sshd.start();

        List<String> console = new ArrayList<>();
        for (KeyPair kp : hostKeys.loadKeys(null)) {
            PublicKey pub = kp.getPublic();
            String type = KeyUtils.getKeyType(pub);
            int bits = KeyUtils.getKeySize(pub);
            String label = type.startsWith("ecdsa") ? "ECDSA" : type.contains("ed25519") ? "ED25519" : "RSA";
            console.add(bits + " " + KeyUtils.getFingerPrint(BuiltinDigests.sha256, pub) + " root@" + host + " (" + label + ")");
            console.add("key " + PublicKeyEntry.toString(pub));
        }
        world.sshServerStarted(m, sshd.getPort(), console);
        return sshd;
    }

    /** Where a sandbox instance's sshd listens: ::1 for the IPv6-only one when this machine has it, else 127.0.0.1. */
    private static String bindAddress(Machine m) {
        if (m.publicIp == null && m.privateIp == null && m.ipv6.contains("::1") && ipv6LoopbackWorks()) {
            return "::1";
        }
        return SeedWorld.LOOPBACK;
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return s.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> shellCommand(String command) {
        if (HostOs.current() == HostOs.WINDOWS) {
            return List.of("cmd.exe", "/c", command);
        }
        return List.of(Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh", "-c", command);
    }

    @Override
    public void close() {
        for (SshServer s : servers) {
            try {
                s.stop(true);
            } catch (IOException e) {
                LOG.log(Level.FINE, "stopping a sandbox sshd", e);
            }
        }
        servers.clear();
    }
}
