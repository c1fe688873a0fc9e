package dev.gangway.doctor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.PublicIpResolver;
import dev.gangway.common.HostOs;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.rdp.RdpLaunchers;

/**
 * The connection doctor: for one instance, checks every way in (to its address, EC2 Instance
 * Connect, an Instance Connect Endpoint, Session Manager; for Windows also its password and a
 * Remote Desktop client) at once, and says of each whether it works, with the exact reason and the
 * fix. Each finding is handed to a listener as it comes, so a panel can fill in.
 */
public final class Doctor {

    /** How a real TCP connection is tried: empty when it connected, else why not (or unknown). */
    @FunctionalInterface
    public interface Dialer {
        Finding dial(String host, int port, Duration timeout);

        /** Connects for real. */
        static Dialer network() {
            return (host, port, timeout) -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                    return Finding.works(Way.DIRECT, "tcp", "A TCP connection", "Port " + port + " of " + host
                            + " answered.");
                } catch (SocketTimeoutException e) {
                    return Finding.fails(Way.DIRECT, "tcp", "A TCP connection", "Port " + port + " of " + host
                            + " did not answer within " + timeout.toSeconds() + " s: something on the way drops "
                            + "it (a security group, a network ACL, a firewall, or no route).",
                            "See the other checks; a firewall on your side can drop it too.");
                } catch (java.io.IOException e) {
                    return Finding.fails(Way.DIRECT, "tcp", "A TCP connection", "Port " + port + " of " + host
                            + " refused the connection (" + e.getMessage() + "): the address is reached, but nothing "
                            + "listens on that port.", "Check that the server runs on the instance and listens on "
                            + "port " + port + ".");
                }
            };
        }

        /** The sandbox's: only loopback addresses are dialled; the others are made up and never leave this machine. */
        static Dialer loopbackOnly() {
            Dialer real = network();
            return (host, port, timeout) -> {
                try {
                    if (InetAddress.getByName(host).isLoopbackAddress()) {
                        return real.dial(host, port, timeout);
                    }
                } catch (java.io.IOException e) {
                    // not an address: not dialled
                }
                return Finding.unknown(Way.DIRECT, "tcp", "A TCP connection", host + " is a made-up sandbox address: "
                        + "not dialled.", "");
            };
        }
    }

    /**
     * What the doctor needs from this run.
     *
     * @param keyFile the key pair's private key the user gave or set for the instance, or null to look in {@code keyFolders}
     */
    public record Environment(CloudAccess access, PublicIpResolver publicIp, Path keyFile, List<Path> keyFolders,
                              HostOs os, RdpLaunchers.Probe rdpClients, Dialer dialer) {
        public Environment {
            keyFolders = List.copyOf(keyFolders);
        }
    }

    static final Duration DIAL = Duration.ofSeconds(3);

    private final Environment env;
    private final ExecutorService pool;

    public Doctor(Environment env) {
        this.env = env;
        // Checks wait on the facts they need: a pool that grows, so none waits on a fact queued behind it.
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gangway-doctor");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Examines {@code instance}: every check starts now, in parallel; {@code onFinding} hears each
     * as it is made (on a worker thread); the report comes when all are in.
     */
    public CompletableFuture<Report> examine(Instance instance, Consumer<Finding> onFinding) {
        Facts facts = new Facts(env, instance, pool);
        Checks checks = new Checks(env, instance, facts);
        List<CompletableFuture<Finding>> all = new ArrayList<>();
        for (Supplier<Finding> check : checks.all()) {
            all.add(CompletableFuture.supplyAsync(() -> {
                Finding f;
                try {
                    f = check.get();
                } catch (RuntimeException e) {
                    f = Finding.unknown(Way.ANY, "error", "A check", "A check could not finish: " + e.getMessage(), "");
                }
                onFinding.accept(f);
                return f;
            }, pool));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> new Report(instance, all.stream().map(CompletableFuture::join).toList()));
    }

    /** How many checks {@link #examine} makes for {@code instance}. */
    public int checkCount(Instance instance) {
        return new Checks(env, instance, null).all().size();
    }

    /** Whether {@code instance} is a Windows instance (its checks are Remote Desktop's). */
    static boolean windows(Instance instance) {
        return instance.platform() == GuestOs.WINDOWS;
    }

    static Optional<String> address(Instance i) {
        if (i.publicDns() != null && !i.publicDns().isBlank()) {
            return Optional.of(i.publicDns());
        }
        if (i.publicIp() != null) {
            return Optional.of(i.publicIp());
        }
        return i.ipv6Addresses().stream().findFirst();
    }

    public void close() {
        pool.shutdownNow();
    }
}
