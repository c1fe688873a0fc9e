package dev.gangway.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.gangway.allowip.AllowMyIp;
import dev.gangway.allowip.TemporaryRule;
import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.boot.CloudConnection;
import dev.gangway.common.ErrorMessages;
import dev.gangway.common.HostOs;
import dev.gangway.common.Notifier;
import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.Reachability;
import dev.gangway.connect.keys.KeyFinder;
import dev.gangway.doctor.Doctor;
import dev.gangway.doctor.Way;
import dev.gangway.eice.ConnectEndpoints;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.PortExposure;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.lifecycle.Lifecycle;
import dev.gangway.lifecycle.SshCommandLine;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.rdp.RemoteDesktop;
import dev.gangway.settings.Settings;

/**
 * What the window does to and about one instance beyond connecting: the connection doctor and the
 * best way it found, the fixes it offers (Allow my IP, for the sessions that follow or for good; an
 * Instance Connect Endpoint), start, stop and reboot, and the OpenSSH command line. Work runs on the task runner,
 * results and failures are said by the notifier.
 */
public final class WindowOperations {

    private final CloudConnection cloud;
    private final TaskRunner tasks;
    private final Notifier notifier;
    private final HostOs os;
    private final RdpLaunchers.Probe probe;
    private final Supplier<Settings> settings;
    private final Supplier<String> myIp;
    private final Function<Instance, Reachability.ShellRoute> shellRoute;
    private final Runnable refresh;
    private final AllowMyIp allowMyIp;
    /**
     * The temporary security-group rules this window added and has not removed, by instance id: each
     * goes when the last session that used it ends, or with the window if none did.
     */
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /** Set when the window closes: sessions ending then leave their rules to {@link #removeTemporaryRules}. */
    private volatile boolean closing;

    /** The temporary rules of one instance, and the sessions to it that started while they were there. */
    private static final class Held {
        final List<TemporaryRule> rules = new ArrayList<>();
        int sessions;
    }

    /** What adding a rule came to. */
    private enum Added { ADDED, KEPT, ALREADY_THERE }

    /** The best way in the doctor found for each instance it examined in this run (by instance id). */
    private final Map<String, Way> bestWays = new ConcurrentHashMap<>();

    WindowOperations(CloudConnection cloud, TaskRunner tasks, Notifier notifier, HostOs os, RdpLaunchers.Probe probe,
            Supplier<Settings> settings, Supplier<String> myIp, Function<Instance, Reachability.ShellRoute> shellRoute,
            Runnable refresh) {
        this.cloud = cloud;
        this.tasks = tasks;
        this.notifier = notifier;
        this.os = os;
        this.probe = probe;
        this.settings = settings;
        this.myIp = myIp;
        this.shellRoute = shellRoute;
        this.refresh = refresh;
        this.allowMyIp = cloud.allowMyIp();
    }

    /**
     * What the rules say of the RDP port when Remote Desktop {@code via} would go straight to the
     * instance's own address and they keep the user's IP out: then the window asks before starting
     * a client that cannot connect (issue 26). Empty when a tunnel carries it (Session Manager,
     * chosen or because the agent is online; an endpoint), or the user gave the address.
     */
    Optional<PortExposure> rdpPortShut(Instance instance, RemoteDesktop.Via via) {
        ConnectOptions options = cloud.connectContext().options(instance, settings.get());
        if (via == RemoteDesktop.Via.SESSION_MANAGER || via == RemoteDesktop.Via.ENDPOINT || options.address() != null
                || options.privateAddress() || via == RemoteDesktop.Via.AUTO && instance.sessionManagerOnline()
                || !instance.hasPublicAddress()) {
            return Optional.empty();
        }
        PortExposure e = PortExposure.evaluate(instance.securityGroups(), instance.rdpPort(), myIp.get());
        return e.verdict() == PortExposure.Verdict.CLOSED || e.verdict() == PortExposure.Verdict.NOT_OPEN_TO_YOU
                ? Optional.of(e) : Optional.empty();
    }

    /** Removes the rules a run that did not end cleanly left behind, and says so. */
    void removeLeftoverRules() {
        tasks.run(allowMyIp::cleanUp, removed -> {
            if (!removed.isEmpty()) {
                notifier.info("Removed " + removed.size() + " security-group rule" + (removed.size() == 1 ? "" : "s")
                        + " an earlier run left", removed.stream().map(r -> r.describe() + " (" + r.instanceName()
                        + ")").collect(Collectors.joining("; ")) + ".");
            }
        }, e -> { });
    }

    /**
     * A connection doctor for {@code instance}, with what the window knows: the key file set or
     * remembered for it, the key folders, this machine's Remote Desktop clients. In the sandbox it
     * dials only loopback addresses.
     */
    public Doctor doctor(Instance instance) {
        ConnectOptions options = cloud.connectContext().options(instance, settings.get());
        return new Doctor(new Doctor.Environment(cloud.access(), cloud.publicIp(), options.key(), options.keyFolders(),
                os, probe, cloud.isSandbox() ? Doctor.Dialer.loopbackOnly() : Doctor.Dialer.network()));
    }

    /**
     * The rule "Allow my IP" would add for {@code instance}'s SSH or RDP port (to show before it is made).
     *
     * @throws CloudException when this machine's public IP is not known, or the instance has no group
     */
    public TemporaryRule planAllowMyIp(Instance instance) throws CloudException {
        return allowMyIp.plan(instance, AllowMyIp.portFor(instance), myIp.get());
    }

    /**
     * Adds {@code rule}, for the sessions to its instance (see {@link #session}) or, with {@code keep},
     * for good; then runs {@code then} on the UI thread. A failure is said.
     */
    public void addTemporaryRule(TemporaryRule rule, boolean keep, Runnable then) {
        tasks.run(() -> {
            if (allowMyIp.add(rule, keep)) {
                if (!keep) {
                    Held h = held.computeIfAbsent(rule.instanceId(), id -> new Held());
                    synchronized (h) {
                        h.rules.add(rule);
                    }
                }
                return Added.ADDED;
            }
            // There already: if this window holds it for a while and the user now keeps it, it stays.
            Held h = held.get(rule.instanceId());
            boolean wasHeld = false;
            if (keep && h != null) {
                synchronized (h) {
                    wasHeld = h.rules.removeIf(r -> AllowMyIp.same(r, rule));
                }
            }
            if (wasHeld) {
                allowMyIp.keep(rule);
                return Added.KEPT;
            }
            return Added.ALREADY_THERE;
        }, added -> {
            switch (added) {
                case ADDED -> notifier.info("Added a rule for your IP", rule.describe() + (keep ? ". It stays until "
                        + "you remove it (EC2 console, rule \"" + rule.description() + "\")." : ". It is removed when "
                        + "your sessions to " + instanceOf(rule) + " end (or when Gangway closes, if you open none)."));
                case KEPT -> notifier.info("The rule for your IP is kept", rule.describe() + " stays until you remove "
                        + "it (EC2 console).");
                default -> notifier.info("That rule is there already", rule.describe() + ": nothing changed.");
            }
            then.run();
        }, e -> notifier.error("Could not add a rule for your IP", ErrorMessages.message(e)));
    }

    /**
     * A session to {@code instance} starts: a temporary rule this window added for it stays while the
     * session lasts. Returns what to run when the session ends (once; nothing when no rule is held):
     * the last one to end removes the rule, and says so.
     */
    public Runnable session(Instance instance) {
        Held h = held.get(instance.id());
        if (h == null) {
            return () -> { };
        }
        synchronized (h) {
            h.sessions++;
        }
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (!ended.compareAndSet(false, true) || closing) {
                return;
            }
            List<TemporaryRule> going;
            synchronized (h) {
                if (--h.sessions > 0 || !held.remove(instance.id(), h)) {
                    return;
                }
                going = List.copyOf(h.rules);
            }
            for (TemporaryRule rule : going) {
                tasks.run(() -> {
                    allowMyIp.remove(rule);
                    return null;
                }, ok -> notifier.info("Removed the rule for your IP", rule.describe() + " on " + instanceOf(rule)
                        + ": the session that needed it ended."), e -> notifier.error("Could not remove the rule "
                        + "for your IP", ErrorMessages.message(e) + " Gangway tries again at its next start."));
            }
        };
    }

    /**
     * Creates an Instance Connect Endpoint in {@code instance}'s subnet and waits for it (minutes on
     * AWS), then runs {@code then} on the UI thread; a failure is said.
     */
    public void createEndpoint(Instance instance, Runnable then) {
        notifier.info("Creating an Instance Connect Endpoint", "In subnet " + instance.subnetId() + " of "
                + instance.vpcId() + ". It takes a few minutes; the doctor looks again when it is ready.");
        tasks.run(() -> ConnectEndpoints.create(cloud.access(), instance, Duration.ofMinutes(15)), e -> {
            notifier.info("Instance Connect Endpoint " + e.id() + " is ready", "In subnet " + e.subnetId() + ".");
            then.run();
        }, e -> notifier.error("Could not create an Instance Connect Endpoint", ErrorMessages.message(e)));
    }

    private static String instanceOf(TemporaryRule rule) {
        return rule.instanceName() == null ? rule.instanceId() : rule.instanceName();
    }

    /** The window is closing: the sessions that end now leave their rules to {@link #removeTemporaryRules}. */
    public void closing() {
        closing = true;
    }

    /** Removes the temporary rules this window still holds (on the calling thread: the window is closing). */
    public void removeTemporaryRules() {
        closing = true;
        for (Held h : held.values()) {
            List<TemporaryRule> rules;
            synchronized (h) {
                rules = List.copyOf(h.rules);
            }
            for (TemporaryRule r : rules) {
                try {
                    allowMyIp.remove(r);
                } catch (CloudException e) {
                    // Stays recorded: removed at the next start.
                }
            }
        }
        held.clear();
    }

    /**
     * The OpenSSH command line that reaches {@code instance} the way Gangway would now: the doctor's
     * best way if it examined it, else the way double-click goes; a tunnel route as a ProxyCommand
     * through {@code gangway forward --stdio}.
     */
    public String sshCommand(Instance instance) {
        ConnectOptions options = cloud.connectContext().options(instance, settings.get());
        String user = options.loginUser(instance).orElse("ec2-user");
        Path key = options.key() != null ? options.key() : instance.keyName() == null ? null
                : new KeyFinder(options.keyFolders()).candidates(instance.keyName()).stream().findFirst().orElse(null);
        int port = options.sshPort(instance);
        Optional<Way> best = bestWay(instance);
        String host = options.address() != null ? options.address() : options.privateAddress() ? instance.privateIp()
                : Reachability.publicRoute(instance).map(r -> r.host()).orElse(null);
        SshCommandLine.Carrier carrier;
        if (best.equals(Optional.of(Way.ENDPOINT))) {
            carrier = SshCommandLine.Carrier.ENDPOINT;
        } else if (best.equals(Optional.of(Way.SESSION_MANAGER)) || best.isEmpty()
                && shellRoute.apply(instance) == Reachability.ShellRoute.SESSION_MANAGER || host == null) {
            carrier = instance.sessionManagerOnline() || instance.isManagedNode() ? SshCommandLine.Carrier.SESSION_MANAGER
                    : SshCommandLine.Carrier.ENDPOINT;
        } else {
            carrier = SshCommandLine.Carrier.ADDRESS;
        }
        String where = SshCommandLine.cloud(cloud.isSandbox(), instance.profile(), instance.region());
        return SshCommandLine.of(carrier, instance.id(), host, port, user, key, where);
    }

    /** Starts, stops or reboots {@code instance} (the user was asked), then lists again; the one way the window does each. */
    public void lifecycle(Instance instance, Lifecycle what) {
        if (what == Lifecycle.START) {
            start(instance, fresh -> { });
            return;
        }
        tasks.run(() -> {
            what.apply(new Ec2Calls(cloud.access()), instance);
            return null;
        }, ok -> {
            notifier.info(what.done(instance), "The list shows its new state once EC2 reports it.");
            refresh.run();
        }, e -> notifier.error("Could not " + what.verb().toLowerCase(Locale.ROOT) + " "
                + instance.displayName(), ErrorMessages.message(e)));
    }

    /**
     * Starts a stopped {@code instance} (the user was asked) and waits until it runs and, for
     * Windows, until its password is made; the list shows each step. Then {@code then} has the
     * instance as EC2 now describes it (its new public address, say), on the UI thread.
     */
    public void start(Instance instance, Consumer<Instance> then) {
        boolean windows = instance.platform() == GuestOs.WINDOWS;
        notifier.info(Lifecycle.START.done(instance), "Gangway waits until it runs" + (windows ? ", then until Windows "
                + "has made its password (a few minutes)." : ", and says so."));
        tasks.run(() -> {
            Lifecycle.startAndWait(new Ec2Calls(cloud.access()), instance, step -> tasks.onUi(refresh));
            try {
                return cloud.inventory().fetch(new InventoryRequest(List.of(instance.profile()),
                        List.of(instance.region())), InventoryListener.NONE).instances().stream()
                        .filter(i -> i.id().equals(instance.id())).findFirst().orElse(instance);
            } catch (RuntimeException e) {
                // It runs; the list's next refresh describes it.
                return instance;
            }
        }, fresh -> {
            notifier.info(instance.displayName() + " is running", windows ? "Its password is ready: double-click it for "
                    + "Remote Desktop." : "Double-click it to connect.");
            refresh.run();
            then.accept(fresh);
        }, e -> notifier.error("Could not start " + instance.displayName(), ErrorMessages.message(e)));
    }

    /** Remembers the doctor's best way into {@code instance} for this run (none: forgets it). */
    public void rememberBestWay(Instance instance, Optional<Way> way) {
        way.ifPresentOrElse(w -> bestWays.put(instance.id(), w), () -> bestWays.remove(instance.id()));
    }

    /** The doctor's best way into {@code instance}, if it examined it in this run. */
    public Optional<Way> bestWay(Instance instance) {
        return Optional.ofNullable(bestWays.get(instance.id()));
    }
}
