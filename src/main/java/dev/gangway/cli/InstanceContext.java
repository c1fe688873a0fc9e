package dev.gangway.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

import dev.gangway.aws.CloudAccess;
import dev.gangway.boot.AppDirs;
import dev.gangway.boot.CloudConnection;
import dev.gangway.connect.ConnectContext;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.instance.Instance;
import dev.gangway.instance.LastConnection;
import dev.gangway.inventory.InstanceCache;
import dev.gangway.settings.Settings;
import dev.gangway.settings.SettingsStore;

/**
 * What a shell command acting on one instance starts from: the cloud, the instance, the user's
 * settings, and how the instance was found: from EC2 now, or from what a listing or lookup learned
 * before ({@link #cachedAge()}), for commands that may use that ({@link Lookup#mayUseCache}).
 */
public record InstanceContext(CloudConnection cloud, Instance instance, Settings settings, Lookup lookup)
        implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InstanceContext.class.getName());

    /**
     * How the instance was asked for, to ask again; {@code cachedAge} is null when EC2 answered,
     * {@code connection} what the last SSH connection to it met, when the cache knows.
     */
    public record Lookup(String profile, String region, String ref, boolean mayUseCache, Duration cachedAge,
                         LastConnection connection) {
    }

    /** Opens AWS (or the sandbox) and finds {@code ref} by id or Name in the profile; on failure says why on {@code err}. */
    static InstanceContext open(boolean sandbox, String profile, String region, String ref, boolean mayUseCache,
            PrintWriter err) throws Exception {
        AppDirs dirs = AppDirs.detect();
        CloudConnection cloud = CloudConnection.forCommand(sandbox, true);
        try {
            CloudAccess access = cloud.access();
            if (!access.hasProfiles()) {
                throw new CommandFailure(ExitCodes.FAILED, access.configProblem() != null ? access.configProblem()
                        : "no AWS profiles or credentials found. Run `aws configure`, or use --sandbox.");
            }
            String chosen = profile == null ? access.requestedProfile() : profile;
            if (!access.profiles().contains(chosen) && access.configProblem() != null) {
                throw new CommandFailure(ExitCodes.FAILED, access.configProblem());
            }
            if (!access.profiles().contains(chosen)) {
                throw new CommandFailure(ExitCodes.USAGE, "unknown profile '" + chosen + "'"
                        + (profile == null ? " (from AWS_PROFILE)" : "") + ". Known profiles: "
                        + String.join(", ", access.profiles()) + ".");
            }
            Lookup lookup = new Lookup(chosen, region, ref, mayUseCache, null, null);
            Optional<InstanceCache.Hit> hit = mayUseCache ? cloud.cacheScope()
                    .flatMap(scope -> cache().find(scope, chosen, region, ref)) : Optional.empty();
            Instance instance;
            if (hit.isPresent()) {
                instance = hit.get().instance();
                lookup = new Lookup(chosen, region, ref, true, hit.get().age(), hit.get().connection());
                LOG.info(instance.label() + " at " + address(instance) + ", as learned " + ago(hit.get().age())
                        + " (not asked of EC2 again; --refresh asks)");
            } else {
                instance = find(cloud, lookup, err);
            }
            Settings settings;
            try (SettingsStore store = new SettingsStore(dirs.config())) {
                settings = store.load();
            }
            return new InstanceContext(cloud, instance, settings, lookup);
        } catch (Exception | Error e) {
            cloud.close();
            throw e;
        }
    }

    /** The instance as EC2 says now, remembered for the next command; fails with the reason said on {@code err}. */
    private static Instance find(CloudConnection cloud, Lookup lookup, PrintWriter err) throws CommandFailure {
        Instance instance = InstanceFinder.find(cloud.access(), lookup.profile(), lookup.region(), lookup.ref(),
                cloud.isSandbox(), err);
        if (instance == null) {
            throw new CommandFailure(ExitCodes.FAILED, null);
        }
        cloud.cacheScope().ifPresent(scope -> cache().remember(scope, instance));
        return instance;
    }

    private static InstanceCache cache() {
        return new InstanceCache(AppDirs.detect().instanceCache(), Clock.systemUTC());
    }

    private static String address(Instance i) {
        String a = i.publicDns() != null && !i.publicDns().isBlank() ? i.publicDns()
                : i.publicIp() != null ? i.publicIp() : i.privateIp();
        return (a == null ? "no address" : a) + " port " + i.sshPort();
    }

    static String ago(Duration age) {
        long s = age.toSeconds();
        return s < 90 ? s + " s ago" : s < 5400 ? age.toMinutes() + " min ago" : age.toHours() + " h ago";
    }

    /** How long ago the instance was learned, when it came from the cache rather than from EC2 now. */
    public Optional<Duration> cachedAge() {
        return Optional.ofNullable(lookup.cachedAge());
    }

    /**
     * The same command's context with the instance as EC2 says now (after a connection to what the
     * cache said failed): the cloud and settings carry over. Fails, saying why on {@code err}, when
     * the instance is not found any more.
     */
    public InstanceContext lookedUpAgain(PrintWriter err) throws CommandFailure {
        Lookup fresh = new Lookup(lookup.profile(), lookup.region(), lookup.ref(), lookup.mayUseCache(), null, null);
        return new InstanceContext(cloud, find(cloud, fresh, err), settings, fresh);
    }

    /**
     * What the last SSH connection to the instance met, when it came from the cache: its host key
     * (which this connection must meet again), key exchange and key file.
     */
    public Optional<LastConnection> cachedConnection() {
        return Optional.ofNullable(lookup.connection());
    }

    /** Remembers what a connection met, when it is news (one write, after connecting). */
    public void rememberConnection(LastConnection connection) {
        LastConnection last = lookup.connection();
        // Compared field by field: a record's equals is bootstrapped by invokedynamic, ~10 ms of a cold start.
        boolean same = last != null && Objects.equals(last.keyExchange(), connection.keyExchange())
                && Objects.equals(last.hostKey(), connection.hostKey()) && Objects.equals(last.keyFile(), connection.keyFile());
        if (!same) {
            cloud.cacheScope().ifPresent(scope -> cache().rememberConnection(scope, instance, connection));
        }
    }

    /**
     * Looks the instance up again on a background thread and remembers what EC2 says, saying nothing:
     * for a long session started from the cache, so that the next command finds it fresh.
     */
    public void refreshCacheInBackground() {
        if (lookup.cachedAge() == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                find(cloud, lookup, new PrintWriter(Writer.nullWriter()));
            } catch (CommandFailure | RuntimeException e) {
                LOG.fine("the instance cache was not refreshed: " + e.getMessage());
            }
        }, "gangway-cache-refresh");
        t.setDaemon(true);
        t.start();
    }

    /** Whether connecting to {@code a} and to {@code b} goes the same way: instance, key pair, state, addresses, port. */
    public static boolean sameWayIn(Instance a, Instance b) {
        return a.id().equals(b.id()) && Objects.equals(a.keyName(), b.keyName()) && a.platform() == b.platform()
                && a.state() == b.state() && Objects.equals(a.publicIp(), b.publicIp())
                && Objects.equals(a.publicDns(), b.publicDns()) && Objects.equals(a.privateIp(), b.privateIp())
                && a.ipv6Addresses().equals(b.ipv6Addresses()) && a.sshPort() == b.sshPort()
                && a.sessionManagerOnline() == b.sessionManagerOnline();
    }

    /** How to log in to the instance: what was set for it in the window (or remembered for its key pair), then {@code key}. */
    public ConnectOptions loginOptions(Path key) {
        return connect().options(instance, settings).withKey(key);
    }

    /** What connecting needs here (AWS clients, key folders, known_hosts). */
    public ConnectContext connect() {
        return cloud.connectContext();
    }

    @Override
    public void close() {
        cloud.close();
    }
}
