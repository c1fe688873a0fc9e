package dev.gangway.sandbox.world;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.http.Answer;

/**
 * The sandbox cloud's state, in memory: regions with their instances, security groups and images.
 * All access goes through synchronized methods of this class, so the HTTP threads never race.
 */
public final class SandboxWorld {

    /** One inbound permission with one source, as EC2 stores a security-group rule. */
    public record Permission(String protocol, int fromPort, int toPort, SourceKind kind, String source,
                             String description) {

        /** The same rule as {@code other}: EC2 compares all but the description. */
        public boolean sameRule(Permission other) {
            return protocol.equals(other.protocol) && fromPort == other.fromPort && toPort == other.toPort
                    && kind == other.kind && source.equals(other.source);
        }
    }

    public enum SourceKind { CIDR_V4, CIDR_V6, PREFIX_LIST, GROUP }

    public record Ami(String id, String name, String description, boolean windows, String platformDetails,
                      String osUser) {
    }

    public static final class Group {
        public final String id;
        public final String name;
        public final String description;
        public final String vpcId;
        private final List<Permission> inbound = new ArrayList<>();

        Group(String id, String name, String description, String vpcId, List<Permission> inbound) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.vpcId = vpcId;
            this.inbound.addAll(inbound);
        }

        /** The inbound rules, as they are now. */
        public List<Permission> inbound() {
            return List.copyOf(inbound);
        }
    }

    public static final class RegionData {
        public final String name;
        public final boolean enabled;
        public final List<Machine> machines = new ArrayList<>();
        public final Map<String, Group> groups = new LinkedHashMap<>();
        public final Map<String, Ami> images = new LinkedHashMap<>();
        /**
         * Subnets whose route table has no route to an internet gateway (a private subnet): each has
         * a route table of its own; every other subnet uses its VPC's main table, which has one.
         */
        public final Set<String> privateSubnets = new LinkedHashSet<>();
        /**
         * Network ACLs of their own, by subnet: each denies inbound TCP on the ports given (before
         * allowing the rest); every other subnet has its VPC's default ACL, which allows everything.
         */
        public final Map<String, List<Integer>> deniedPorts = new LinkedHashMap<>();

        public RegionData(String name, boolean enabled) {
            this.name = name;
            this.enabled = enabled;
        }
    }

    /**
     * A node Session Manager knows: an EC2 instance whose agent registered, or a managed node
     * ({@code mi-...}) outside EC2 (a hybrid activation), whose only way in is Session Manager.
     *
     * @param online        whether its agent pings (PingStatus Online, else ConnectionLost)
     * @param ec2           whether it is an EC2 instance (ResourceType EC2Instance) rather than a managed node
     * @param agentVersion  the SSM Agent's version, which decides how it forwards ports
     */
    public record ManagedNode(String id, String region, String name, String platformType, String platformName,
                              String ipAddress, boolean online, boolean ec2, String agentVersion) {

        /** A recent agent (3.3.987.0, from 2024). */
        public static final String CURRENT_AGENT = "3.3.987.0";

        public ManagedNode(String id, String region, String name, String platformType, String platformName,
                String ipAddress, boolean online, boolean ec2) {
            this(id, region, name, platformType, platformName, ipAddress, online, ec2, CURRENT_AGENT);
        }
    }

    /**
     * A Session Manager session: who started it on which node, with which document (a shell, or one
     * command run without a terminal), and the token its data channel is opened with.
     *
     * @param command    the command of {@code AWS-StartNonInteractiveCommand}, or null for a shell
     * @param document   the session document's name
     * @param parameters its parameters (port forwarding: portNumber, host), each with its one value
     */
    public record SsmSession(String sessionId, String target, String region, String tokenValue, Instant started,
                             String command, String document, Map<String, String> parameters) {
        public SsmSession {
            parameters = Map.copyOf(parameters);
        }

        @Override
        public String toString() {
            return "SsmSession[" + sessionId + " on " + target + ", token hidden]";
        }
    }

    private final Map<String, RegionData> regions = new LinkedHashMap<>();
    private final Map<String, ManagedNode> managedNodes = new LinkedHashMap<>();
    private final Map<String, SsmSession> ssmSessions = new LinkedHashMap<>();
    /** Sessions whose current token has opened a data channel: a token opens one channel only. */
    private final Set<String> claimedSsmSessions = new HashSet<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final List<Consumer<Machine>> downListeners = new CopyOnWriteArrayList<>();
    private final Permissions permissions = new Permissions();
    private final Map<String, SandboxKms> kms = new ConcurrentHashMap<>();
    private volatile String sessionEncryptionKey;
    private volatile Duration sessionIdleTimeout = Duration.ofMinutes(20);
    private final Map<String, Integer> services = new ConcurrentHashMap<>();
    private volatile ChannelFaults toAgent = ChannelFaults.NONE;
    private volatile ChannelFaults toClient = ChannelFaults.NONE;
    private final List<Consumer<String>> ssmTerminationListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<SsmSession>> ssmStartListeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<byte[]> sessionChannelTap = frame -> { };
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final EndpointRegistry endpoints = new EndpointRegistry();

    public synchronized RegionData region(String name, boolean enabled) {
        return regions.computeIfAbsent(name, n -> new RegionData(n, enabled));
    }

    public synchronized Optional<RegionData> region(String name) {
        return Optional.ofNullable(regions.get(name));
    }

    public synchronized List<RegionData> regions() {
        return List.copyOf(regions.values());
    }

    /** Every instance of every region, for the sandbox's own SSH servers and for tests. */
    public synchronized List<Machine> machines() {
        List<Machine> all = new ArrayList<>();
        regions.values().forEach(r -> all.addAll(r.machines));
        return all;
    }

    public synchronized Optional<Machine> machine(String id) {
        return regions.values().stream().flatMap(r -> r.machines.stream()).filter(m -> m.id.equals(id)).findFirst();
    }

    public synchronized int instanceCount() {
        return regions.values().stream().mapToInt(r -> r.machines.size()).sum();
    }

    /** How many signed requests of an action the endpoint has answered: tests check which calls were made. */
    public long calls(String action) {
        LongAdder n = calls.get(action);
        return n == null ? 0 : n.sum();
    }

    public void countCall(String action) {
        calls.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    /** Makes every call in {@code region} fail with {@code fault} (null clears it). */
    public void setFault(String region, Fault fault) {
        if (fault == null) {
            faults.remove(region);
        } else {
            faults.put(region, fault);
        }
    }

    /** The region's KMS keys (made on first use, random per run). */
    public SandboxKms kms(String region) {
        return kms.computeIfAbsent(region, SandboxKms::new);
    }

    /**
     * The KMS key new Session Manager shells are encrypted with, as the account's Session Manager
     * preferences name it (null: no encryption, the default).
     */
    public void encryptSessions(String keyId) {
        sessionEncryptionKey = keyId;
    }

    public Optional<String> sessionEncryptionKey() {
        return Optional.ofNullable(sessionEncryptionKey);
    }

    /**
     * What happens to the messages of Session Manager data channels from now on (their frames, not
     * the first text frame nor {@code channel_closed}): to the agent, and to the client.
     */
    public void disturbSessionChannels(ChannelFaults toAgent, ChannelFaults toClient) {
        this.toAgent = toAgent;
        this.toClient = toClient;
    }

    public ChannelFaults faultsToAgent() {
        return toAgent;
    }

    public ChannelFaults faultsToClient() {
        return toClient;
    }

    /**
     * A fraction of messages dropped, sent twice, or held back and sent after the next one.
     * Fractions are of all messages: {@code drop + duplicate + reorder <= 1}.
     */
    public record ChannelFaults(double drop, double duplicate, double reorder) {
        public static final ChannelFaults NONE = new ChannelFaults(0, 0, 0);

        public ChannelFaults {
            if (drop < 0 || duplicate < 0 || reorder < 0 || drop + duplicate + reorder > 1) {
                throw new IllegalArgumentException("fractions between 0 and 1 that add up to at most 1");
            }
        }
    }

    /**
     * How long a Session Manager session may go without data either way before the service ends it
     * (Session Manager's preferences: 20 minutes by default).
     */
    public void sessionIdleTimeout(Duration value) {
        sessionIdleTimeout = value;
    }

    public Duration sessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    /**
     * Makes {@code port} of node {@code target} (an instance id, or a host name reached from a
     * node, such as an RDS endpoint) a service listening on {@code loopbackPort} of 127.0.0.1, for
     * Session Manager's port forwarding. Port 22 of an instance with an SSH server needs no entry.
     */
    public void exposeService(String target, int port, int loopbackPort) {
        services.put(target + ":" + port, loopbackPort);
    }

    /** Where a port session to {@code host}:{@code port} from node {@code nodeId} lands on 127.0.0.1, if anywhere. */
    public synchronized Optional<Integer> serviceFor(String nodeId, String host, int port) {
        String key = (host == null || host.isBlank() || "localhost".equals(host) || "127.0.0.1".equals(host)
                ? nodeId : host) + ":" + port;
        Integer exposed = services.get(key);
        if (exposed != null) {
            return Optional.of(exposed);
        }
        // Its SSH server, asked for as port 22 or as the port its tag names (where a client connects).
        Optional<Integer> ssh = machines().stream().filter(m -> m.id().equals(nodeId)).findFirst()
                .map(m -> m.tags.get(Instance.SSH_PORT_TAG)).map(Integer::parseInt);
        if (key.equals(nodeId + ":22") || ssh.isPresent() && key.equals(nodeId + ":" + ssh.get())) {
            return ssh;
        }
        return Optional.empty();
    }

    /** Hands {@code tap} every binary frame of Session Manager data channels, either way, as it is on the wire. */
    public void tapSessionChannels(Consumer<byte[]> tap) {
        sessionChannelTap = tap == null ? frame -> { } : tap;
    }

    public void tapped(byte[] frame) {
        sessionChannelTap.accept(frame);
    }

    /** Calls {@code listener} with a Session Manager session's id when it is terminated. */
    public void whenSsmSessionTerminated(Consumer<String> listener) {
        ssmTerminationListeners.add(listener);
    }

    /** What the sandbox's IAM identity may do (all, unless a test denies some). */
    public Permissions permissions() {
        return permissions;
    }

    public Optional<Fault> fault(String region) {
        return Optional.ofNullable(faults.get(region));
    }

    synchronized void addAll(String region, Collection<Machine> machines) {
        regions.get(region).machines.addAll(machines);
    }

    /** Calls {@code listener} when an instance stops or reboots (its SSH sessions end then, as on EC2). */
    public void whenDown(Consumer<Machine> listener) {
        downListeners.add(listener);
    }

    /** {@code m} stopped or is rebooting. */
    public void wentDown(Machine m) {
        downListeners.forEach(l -> l.accept(m));
    }

    /** Its EC2 Instance Connect Endpoints. */
    public EndpointRegistry connectEndpoints() {
        return endpoints;
    }

    /** Registers (or replaces) a node with Session Manager. */
    public synchronized void registerManagedNode(ManagedNode node) {
        managedNodes.put(node.id(), node);
    }

    /** The nodes Session Manager knows in {@code region}, in the order they registered. */
    public synchronized List<ManagedNode> managedNodes(String region) {
        return managedNodes.values().stream().filter(n -> n.region().equals(region)).toList();
    }

    public synchronized Optional<ManagedNode> managedNode(String id) {
        return Optional.ofNullable(managedNodes.get(id));
    }

    /** Records a session that was started (or resumed with a new token); its token opens one data channel. */
    public synchronized void startSsmSession(SsmSession session) {
        ssmSessions.put(session.sessionId(), session);
        claimedSsmSessions.remove(session.sessionId());
        ssmStartListeners.forEach(l -> l.accept(session));
    }

    /** Tells {@code listener} of each session started or resumed (a test that looks for its token where it must not be). */
    public void whenSsmSessionStarted(Consumer<SsmSession> listener) {
        ssmStartListeners.add(listener);
    }

    /**
     * The session {@code id} for a data channel presenting {@code token}: only its current token,
     * and only once; the token is used up by the call.
     */
    public synchronized Optional<SsmSession> claimSsmChannel(String id, String token) {
        SsmSession s = ssmSessions.get(id);
        if (s == null || claimedSsmSessions.contains(id) || !MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), s.tokenValue().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        claimedSsmSessions.add(id);
        return Optional.of(s);
    }

    /** The session with {@code id}, while it lasts. */
    public synchronized Optional<SsmSession> ssmSession(String id) {
        return Optional.ofNullable(ssmSessions.get(id));
    }

    /** The sessions that last, in {@code region}. */
    public synchronized List<SsmSession> ssmSessions(String region) {
        return ssmSessions.values().stream().filter(x -> x.region().equals(region)).toList();
    }

    /** Ends a session; false when there was none. */
    public boolean terminateSsmSession(String id) {
        boolean was;
        synchronized (this) {
            claimedSsmSessions.remove(id);
            was = ssmSessions.remove(id) != null;
        }
        if (was) {
            ssmTerminationListeners.forEach(l -> l.accept(id));
        }
        return was;
    }

    /** Puts {@code m} in {@code target} state (StartInstances, StopInstances); returns the state it was in. */
    public synchronized InstanceState changeState(Machine m, InstanceState target) {
        InstanceState previous = m.state;
        m.state = target;
        if (previous == InstanceState.RUNNING && target == InstanceState.STOPPED) {
            wentDown(m);
        }
        return previous;
    }

    /** Adds {@code rules} to the group's inbound rules, or removes the ones that are the same rule. */
    public synchronized void changeIngress(Group group, List<Permission> rules, boolean authorize) {
        if (authorize) {
            group.inbound.addAll(rules);
        } else {
            group.inbound.removeIf(e -> rules.stream().anyMatch(e::sameRule));
        }
    }

    /**
     * A real SSH server now backs {@code m} on {@code port}: its tag says so, its console prints the
     * host keys, and, as on an instance whose sshd runs on another port, its groups open that port
     * where they opened 22.
     */
    public synchronized void sshServerStarted(Machine m, int port, List<String> console) {
        m.tags.put(Instance.SSH_PORT_TAG, Integer.toString(port));
        m.hostKeyConsole = List.copyOf(console);
        region(m.region()).ifPresent(r -> m.groupIds.forEach(gid -> {
            Group g = r.groups.get(gid);
            if (g != null) {
                g.inbound.replaceAll(p -> p.fromPort() == 22 && p.toPort() == 22
                        ? new Permission(p.protocol(), port, port, p.kind(), p.source(), p.description()) : p);
            }
        }));
    }
}
