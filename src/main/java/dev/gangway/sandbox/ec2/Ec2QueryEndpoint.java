package dev.gangway.sandbox.ec2;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.gangway.instance.Cidr;
import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryApi;
import dev.gangway.sandbox.http.QueryParams;
import dev.gangway.sandbox.http.SandboxApi;
import dev.gangway.sandbox.http.XmlWriter;
import dev.gangway.sandbox.world.Ids;
import dev.gangway.sandbox.world.SandboxKeyPair;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.Ami;
import dev.gangway.sandbox.world.SandboxWorld.Group;
import dev.gangway.sandbox.world.SandboxWorld.Machine;
import dev.gangway.sandbox.world.SandboxWorld.Permission;
import dev.gangway.sandbox.world.SandboxWorld.RegionData;
import dev.gangway.sandbox.world.SandboxWorld.SourceKind;

/**
 * The sandbox's EC2 API: the Query protocol as the EC2 API reference documents it (form-encoded
 * {@code Action=...}, XML in the EC2 namespace, {@code <Response><Errors>} error documents). Requests
 * reach it through {@link SandboxApi}, which has checked their signature and names their region.
 */
public final class Ec2QueryEndpoint implements QueryApi {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final String OWNER_ID = "123456789012";
    /** EC2 needs a few minutes after launch before the Windows password is available. */
    static final Duration PASSWORD_DELAY = Duration.ofMinutes(4);
    private static final int DEFAULT_PAGE = 1000;

    private final SandboxWorld world;
    private final SandboxKeyPair keyPair;
    private final Clock clock;

    public Ec2QueryEndpoint(SandboxWorld world, SandboxKeyPair keyPair, Clock clock) {
        this.world = world;
        this.keyPair = keyPair;
        this.clock = clock;
    }

    /** A client error, answered as an EC2 error document. */
    /** The XML answer to the Query request {@code p} in {@code region}, or the EC2 error to answer instead. */
    @Override
    public String dispatch(QueryParams p, String region, String requestId) throws ApiError {
        String action = p.action();
        if (action == null) {
            throw ApiError.invalid("MissingAction", "The request must contain the parameter Action");
        }
        world.countCall(action);
        RegionData data = world.region(region).orElseGet(() -> new RegionData(region, true));
        if (!data.enabled && !"DescribeRegions".equals(action)) {
            throw new ApiError(401, "OptInRequired",
                    "You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.");
        }
        XmlWriter x = new XmlWriter().start(action + "Response", NAMESPACE).el("requestId", requestId);
        synchronized (world) {
            switch (action) {
                case "DescribeRegions" -> describeRegions(p, x);
                case "DescribeInstances" -> describeInstances(p, data, x);
                case "DescribeSecurityGroups" -> describeSecurityGroups(p, data, x);
                case "DescribeImages" -> describeImages(p, data, x);
                case "DescribeKeyPairs" -> describeKeyPairs(p, x);
                case "GetPasswordData" -> getPasswordData(p, data, x);
                case "GetConsoleOutput" -> getConsoleOutput(p, data, x);
                case "StartInstances" -> changeState(p, data, x, InstanceState.RUNNING);
                case "StopInstances" -> changeState(p, data, x, InstanceState.STOPPED);
                case "RebootInstances" -> reboot(p, data, x);
                case "AuthorizeSecurityGroupIngress" -> changeIngress(p, data, x, true);
                case "RevokeSecurityGroupIngress" -> changeIngress(p, data, x, false);
                default -> throw ApiError.invalid("InvalidAction",
                        "The action " + action + " is not valid for this web service.");
            }
        }
        return x.toString();
    }

    // ---- DescribeRegions ------------------------------------------------------------------

    private void describeRegions(QueryParams p, XmlWriter x) throws ApiError {
        boolean all = Boolean.parseBoolean(p.get("AllRegions"));
        List<String> names = p.list("RegionName");
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "region-name", "opt-in-status", "endpoint");
        x.start("regionInfo");
        for (RegionData r : world.regions()) {
            if ((!all && !r.enabled) || (!names.isEmpty() && !names.contains(r.name))) {
                continue;
            }
            String optIn = r.enabled ? "opt-in-not-required" : "not-opted-in";
            String endpoint = "ec2." + r.name + ".amazonaws.com";
            if (!matches(filters, "region-name", r.name) || !matches(filters, "opt-in-status", optIn)
                    || !matches(filters, "endpoint", endpoint)) {
                continue;
            }
            x.start("item").el("regionName", r.name).el("regionEndpoint", endpoint).el("optInStatus", optIn).end();
        }
        x.end();
    }

    // ---- DescribeInstances ----------------------------------------------------------------

    private void describeInstances(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        List<String> ids = p.list("InstanceId");
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "instance-id", "instance-state-name", "tag:*", "tag-key", "tag-value", "key-name",
                "availability-zone", "image-id", "platform", "instance-type", "vpc-id", "subnet-id");
        for (String id : ids) {
            if (data.machines.stream().noneMatch(m -> m.id.equals(id))) {
                throw ApiError.invalid("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        List<Machine> selected = new ArrayList<>();
        for (Machine m : data.machines) {
            if ((ids.isEmpty() || ids.contains(m.id)) && instanceMatches(m, filters)) {
                selected.add(m);
            }
        }
        Page<Machine> page = page(selected, p, 5, 1000);
        x.start("reservationSet");
        for (Machine m : page.items) {
            x.start("item")
                    .el("reservationId", Ids.of("r-", m.id, 17))
                    .el("ownerId", OWNER_ID)
                    .start("groupSet").end()
                    .start("instancesSet");
            writeInstance(m, x);
            x.end().end();
        }
        x.end();
        x.el("nextToken", page.nextToken);
    }

    private boolean instanceMatches(Machine m, Map<String, List<String>> filters) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            String name = f.getKey();
            List<String> values = f.getValue();
            boolean ok;
            if (name.startsWith("tag:")) {
                String v = m.tags.get(name.substring(4));
                ok = v != null && anyGlob(values, v);
            } else {
                ok = switch (name) {
                    case "instance-id" -> anyGlob(values, m.id);
                    case "instance-state-name" -> anyGlob(values, m.state.ec2Name());
                    case "tag-key" -> m.tags.keySet().stream().anyMatch(k -> anyGlob(values, k));
                    case "tag-value" -> m.tags.values().stream().anyMatch(v -> anyGlob(values, v));
                    case "key-name" -> anyGlob(values, m.keyName);
                    case "availability-zone" -> anyGlob(values, m.availabilityZone);
                    case "image-id" -> anyGlob(values, m.image.id());
                    case "platform" -> m.windows() && anyGlob(values, "windows");
                    case "instance-type" -> anyGlob(values, m.instanceType);
                    case "vpc-id" -> anyGlob(values, m.vpcId);
                    case "subnet-id" -> anyGlob(values, m.subnetId);
                    default -> false;
                };
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void writeInstance(Machine m, XmlWriter x) {
        boolean gone = m.state == InstanceState.TERMINATED;
        boolean addressed = m.state == InstanceState.RUNNING || m.state == InstanceState.PENDING;
        String privateDns = m.privateIp == null ? null : "ip-" + m.privateIp.replace('.', '-') + "." + m.region
                + ".compute.internal";
        x.start("item")
                .el("instanceId", m.id)
                .el("imageId", m.image.id())
                .start("instanceState").el("code", m.state.code()).el("name", m.state.ec2Name()).end()
                .el("privateDnsName", gone ? "" : privateDns)
                .el("dnsName", addressed && m.publicDns != null ? m.publicDns : "")
                .el("reason", m.state == InstanceState.STOPPED ? "User initiated (2026-03-01 10:00:00 GMT)" : "")
                .el("keyName", m.keyName)
                .el("amiLaunchIndex", 0)
                .start("productCodes").end()
                .el("instanceType", m.instanceType)
                .el("launchTime", m.launchTime.toString())
                .start("placement").el("availabilityZone", m.availabilityZone).el("groupName", "")
                .el("tenancy", "default").end();
        if (m.windows()) {
            x.el("platform", "windows");
        }
        x.start("monitoring").el("state", "disabled").end();
        if (!gone) {
            x.el("subnetId", m.subnetId).el("vpcId", m.vpcId).el("privateIpAddress", m.privateIp);
        }
        if (addressed) {
            x.el("ipAddress", m.publicIp);
        }
        x.el("sourceDestCheck", true);
        x.start("groupSet");
        for (String gid : m.groupIds) {
            Group g = groupById(m.region, gid);
            x.start("item").el("groupId", gid).el("groupName", g == null ? null : g.name).end();
        }
        x.end();
        x.el("architecture", m.instanceType.startsWith("t4g") || m.instanceType.startsWith("c7g") ? "arm64" : "x86_64")
                .el("rootDeviceType", "ebs")
                .el("rootDeviceName", m.windows() ? "/dev/sda1" : "/dev/xvda")
                .el("virtualizationType", "hvm");
        x.start("tagSet");
        m.tags.forEach((k, v) -> x.start("item").el("key", k).el("value", v).end());
        x.end();
        x.el("hypervisor", "xen");
        x.start("networkInterfaceSet");
        if (!gone) {
            x.start("item")
                    .el("networkInterfaceId", Ids.of("eni-", m.id, 17))
                    .el("subnetId", m.subnetId)
                    .el("vpcId", m.vpcId)
                    .el("ownerId", OWNER_ID)
                    .el("status", "in-use")
                    .el("privateIpAddress", m.privateIp)
                    .el("privateDnsName", privateDns);
            x.start("ipv6AddressesSet");
            m.ipv6.forEach(a -> x.start("item").el("ipv6Address", a).el("isPrimaryIpv6", true).end());
            x.end();
            x.end();
        }
        x.end();
        x.el("platformDetails", m.image.platformDetails());
        if (!m.ipv6.isEmpty() && !gone) {
            x.el("ipv6Address", m.ipv6.get(0));
        }
        x.end();
    }

    private Group groupById(String region, String id) {
        return world.region(region).map(r -> r.groups.get(id)).orElse(null);
    }

    // ---- DescribeSecurityGroups -----------------------------------------------------------

    private void describeSecurityGroups(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        List<String> ids = p.list("GroupId");
        List<String> names = p.list("GroupName");
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "group-id", "group-name", "vpc-id");
        for (String id : ids) {
            if (!data.groups.containsKey(id)) {
                throw ApiError.invalid("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
            }
        }
        List<Group> selected = data.groups.values().stream()
                .filter(g -> ids.isEmpty() || ids.contains(g.id))
                .filter(g -> names.isEmpty() || names.contains(g.name))
                .filter(g -> matches(filters, "group-id", g.id) && matches(filters, "group-name", g.name)
                        && matches(filters, "vpc-id", g.vpcId))
                .toList();
        Page<Group> page = page(selected, p, 5, 1000);
        x.start("securityGroupInfo");
        for (Group g : page.items) {
            x.start("item")
                    .el("ownerId", OWNER_ID)
                    .el("groupId", g.id)
                    .el("groupName", g.name)
                    .el("groupDescription", g.description)
                    .el("vpcId", g.vpcId);
            x.start("ipPermissions");
            writePermissions(g.inbound, x);
            x.end();
            x.start("ipPermissionsEgress");
            x.start("item").el("ipProtocol", "-1").start("groups").end()
                    .start("ipRanges").start("item").el("cidrIp", "0.0.0.0/0").end().end()
                    .start("prefixListIds").end().end();
            x.end();
            x.start("tagSet").end();
            x.end();
        }
        x.end();
        x.el("nextToken", page.nextToken);
    }

    /** EC2 groups the rules that share protocol and ports into one {@code IpPermission}. */
    private static void writePermissions(List<Permission> rules, XmlWriter x) {
        Map<String, List<Permission>> grouped = new LinkedHashMap<>();
        for (Permission r : rules) {
            grouped.computeIfAbsent(r.protocol() + "/" + r.fromPort() + "/" + r.toPort(), k -> new ArrayList<>()).add(r);
        }
        for (List<Permission> same : grouped.values()) {
            Permission first = same.get(0);
            x.start("item").el("ipProtocol", first.protocol());
            if (!"-1".equals(first.protocol())) {
                x.el("fromPort", first.fromPort()).el("toPort", first.toPort());
            }
            x.start("groups");
            same.stream().filter(r -> r.kind() == SourceKind.GROUP).forEach(r -> x.start("item")
                    .el("userId", OWNER_ID).el("groupId", r.source()).el("description", r.description()).end());
            x.end().start("ipRanges");
            same.stream().filter(r -> r.kind() == SourceKind.CIDR_V4).forEach(r -> x.start("item")
                    .el("cidrIp", r.source()).el("description", r.description()).end());
            x.end().start("ipv6Ranges");
            same.stream().filter(r -> r.kind() == SourceKind.CIDR_V6).forEach(r -> x.start("item")
                    .el("cidrIpv6", r.source()).el("description", r.description()).end());
            x.end().start("prefixListIds");
            same.stream().filter(r -> r.kind() == SourceKind.PREFIX_LIST).forEach(r -> x.start("item")
                    .el("prefixListId", r.source()).el("description", r.description()).end());
            x.end().end();
        }
    }

    // ---- DescribeImages -------------------------------------------------------------------

    private void describeImages(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        List<String> ids = p.list("ImageId");
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "image-id", "name", "platform", "owner-alias");
        x.start("imagesSet");
        for (Ami ami : data.images.values()) {
            if ((!ids.isEmpty() && !ids.contains(ami.id())) || !matches(filters, "image-id", ami.id())
                    || !matches(filters, "name", ami.name()) || !matches(filters, "owner-alias", "amazon")
                    || (filters.containsKey("platform") && !(ami.windows() && matches(filters, "platform", "windows")))) {
                continue;
            }
            x.start("item")
                    .el("imageId", ami.id())
                    .el("imageLocation", "amazon/" + ami.name())
                    .el("imageState", "available")
                    .el("imageOwnerId", "137112412989")
                    .el("creationDate", "2024-12-13T10:00:00.000Z")
                    .el("isPublic", true)
                    .el("architecture", "x86_64")
                    .el("imageType", "machine");
            if (ami.windows()) {
                x.el("platform", "windows");
            }
            x.el("platformDetails", ami.platformDetails())
                    .el("usageOperation", ami.windows() ? "RunInstances:0002" : "RunInstances")
                    .el("imageOwnerAlias", "amazon")
                    .el("name", ami.name())
                    .el("description", ami.description())
                    .el("rootDeviceType", "ebs")
                    .el("rootDeviceName", ami.windows() ? "/dev/sda1" : "/dev/xvda")
                    .el("virtualizationType", "hvm")
                    .el("hypervisor", "xen")
                    .end();
        }
        x.end();
    }

    // ---- DescribeKeyPairs -----------------------------------------------------------------

    private void describeKeyPairs(QueryParams p, XmlWriter x) throws ApiError {
        List<String> names = p.list("KeyName");
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "key-name", "fingerprint", "key-pair-id");
        for (String n : names) {
            if (!SandboxKeyPair.NAME.equals(n)) {
                throw ApiError.invalid("InvalidKeyPair.NotFound", "The key pair '" + n + "' does not exist");
            }
        }
        x.start("keySet");
        String id = Ids.of("key-", SandboxKeyPair.NAME, 17);
        if (matches(filters, "key-name", SandboxKeyPair.NAME) && matches(filters, "fingerprint", keyPair.fingerprint())
                && matches(filters, "key-pair-id", id)) {
            x.start("item")
                    .el("keyPairId", id)
                    .el("keyName", SandboxKeyPair.NAME)
                    .el("keyFingerprint", keyPair.fingerprint())
                    .el("keyType", "rsa")
                    .start("tagSet").end()
                    .el("createTime", "2026-03-01T09:00:00.000Z")
                    .end();
        }
        x.end();
    }

    // ---- GetPasswordData / GetConsoleOutput ------------------------------------------------

    private Machine instance(QueryParams p, RegionData data) throws ApiError {
        String id = p.get("InstanceId");
        if (id == null) {
            throw ApiError.invalid("MissingParameter", "The request must contain the parameter InstanceId");
        }
        return data.machines.stream().filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> ApiError.invalid("InvalidInstanceID.NotFound",
                        "The instance ID '" + id + "' does not exist"));
    }

    private void getPasswordData(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        Machine m = instance(p, data);
        Instant now = clock.instant();
        String encrypted = "";
        if (m.windows() && m.windowsPassword != null && !now.isBefore(m.launchTime.plus(PASSWORD_DELAY))) {
            encrypted = keyPair.encryptPassword(m.windowsPassword);
        }
        x.el("instanceId", m.id).el("timestamp", now.toString()).el("passwordData", encrypted);
    }

    private void getConsoleOutput(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        Machine m = instance(p, data);
        String text = ConsoleOutput.render(m);
        x.el("instanceId", m.id).el("timestamp", clock.instant().toString())
                .el("output", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- Start / Stop / Reboot ------------------------------------------------------------

    private void changeState(QueryParams p, RegionData data, XmlWriter x, InstanceState target) throws ApiError {
        List<Machine> machines = instances(p, data);
        for (Machine m : machines) {
            if (m.state == InstanceState.TERMINATED || m.state == InstanceState.SHUTTING_DOWN) {
                throw ApiError.invalid("IncorrectInstanceState", "The instance '" + m.id
                        + "' is not in a state from which it can be " + (target == InstanceState.RUNNING ? "started." : "stopped."));
            }
        }
        x.start("instancesSet");
        for (Machine m : machines) {
            InstanceState previous = m.state;
            InstanceState reported = previous == target ? target
                    : target == InstanceState.RUNNING ? InstanceState.PENDING : InstanceState.STOPPING;
            m.state = target;
            if (previous == InstanceState.RUNNING && target == InstanceState.STOPPED) {
                world.wentDown(m);
            }
            x.start("item").el("instanceId", m.id)
                    .start("currentState").el("code", reported.code()).el("name", reported.ec2Name()).end()
                    .start("previousState").el("code", previous.code()).el("name", previous.ec2Name()).end()
                    .end();
        }
        x.end();
    }

    private void reboot(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        // A reboot ends every SSH session; the instance is back (still running) straight away here.
        instances(p, data).stream().filter(m -> m.state == InstanceState.RUNNING).forEach(world::wentDown);
        x.el("return", true);
    }

    private List<Machine> instances(QueryParams p, RegionData data) throws ApiError {
        List<String> ids = p.list("InstanceId");
        if (ids.isEmpty()) {
            throw ApiError.invalid("MissingParameter", "The request must contain the parameter InstanceId");
        }
        List<Machine> found = new ArrayList<>();
        for (String id : ids) {
            found.add(data.machines.stream().filter(m -> m.id.equals(id)).findFirst()
                    .orElseThrow(() -> ApiError.invalid("InvalidInstanceID.NotFound",
                            "The instance ID '" + id + "' does not exist")));
        }
        return found;
    }

    // ---- Authorize / Revoke ingress -------------------------------------------------------

    private void changeIngress(QueryParams p, RegionData data, XmlWriter x, boolean authorize) throws ApiError {
        String groupId = p.get("GroupId");
        String groupName = p.get("GroupName");
        Group group = data.groups.values().stream()
                .filter(g -> g.id.equals(groupId) || (groupId == null && g.name.equals(groupName)))
                .findFirst()
                .orElseThrow(() -> ApiError.invalid("InvalidGroup.NotFound",
                        "The security group '" + Objects.requireNonNullElse(groupId, groupName) + "' does not exist"));
        List<Permission> requested = new ArrayList<>();
        for (QueryParams perm : p.members("IpPermissions")) {
            String protocol = perm.get("IpProtocol");
            if (protocol == null) {
                throw ApiError.invalid("MissingParameter", "The request must contain the parameter IpProtocol");
            }
            protocol = protocol.toLowerCase(Locale.ROOT);
            int from = parseInt(perm.get("FromPort"), -1);
            int to = parseInt(perm.get("ToPort"), -1);
            for (QueryParams r : perm.members("IpRanges")) {
                requested.add(new Permission(protocol, from, to, SourceKind.CIDR_V4, cidr(r.get("CidrIp")), r.get("Description")));
            }
            for (QueryParams r : perm.members("Ipv6Ranges")) {
                requested.add(new Permission(protocol, from, to, SourceKind.CIDR_V6, cidr(r.get("CidrIpv6")), r.get("Description")));
            }
            for (QueryParams r : perm.members("PrefixListIds")) {
                requested.add(new Permission(protocol, from, to, SourceKind.PREFIX_LIST, r.get("PrefixListId"), r.get("Description")));
            }
            for (QueryParams r : perm.members("Groups")) {
                requested.add(new Permission(protocol, from, to, SourceKind.GROUP, r.get("GroupId"), r.get("Description")));
            }
        }
        if (requested.isEmpty()) {
            throw ApiError.invalid("MissingParameter", "The request must contain the parameter IpPermissions");
        }
        for (Permission r : requested) {
            boolean exists = group.inbound.stream().anyMatch(e -> sameRule(e, r));
            if (authorize && exists) {
                throw ApiError.invalid("InvalidPermission.Duplicate", "the specified rule \"peer: " + r.source()
                        + ", " + r.protocol().toUpperCase(Locale.ROOT) + ", from port: " + r.fromPort() + ", to port: "
                        + r.toPort() + ", ALLOW\" already exists");
            }
            if (!authorize && !exists) {
                throw ApiError.invalid("InvalidPermission.NotFound",
                        "The specified rule does not exist in this security group.");
            }
        }
        if (authorize) {
            group.inbound.addAll(requested);
        } else {
            group.inbound.removeIf(e -> requested.stream().anyMatch(r -> sameRule(e, r)));
        }
        x.el("return", true);
        if (authorize) {
            x.start("securityGroupRuleSet");
            for (Permission r : requested) {
                x.start("item").el("securityGroupRuleId", Ids.of("sgr-", group.id + r, 17))
                        .el("groupId", group.id).el("groupOwnerId", OWNER_ID).el("isEgress", false)
                        .el("ipProtocol", r.protocol()).el("fromPort", r.fromPort()).el("toPort", r.toPort())
                        .el(r.kind() == SourceKind.CIDR_V6 ? "cidrIpv6" : "cidrIpv4",
                                r.kind() == SourceKind.CIDR_V4 || r.kind() == SourceKind.CIDR_V6 ? r.source() : null)
                        .el("description", r.description()).end();
            }
            x.end();
        }
    }

    private static boolean sameRule(Permission a, Permission b) {
        return a.protocol().equals(b.protocol()) && a.fromPort() == b.fromPort() && a.toPort() == b.toPort()
                && a.kind() == b.kind() && a.source().equals(b.source());
    }

    private static String cidr(String value) throws ApiError {
        if (value == null || Cidr.parse(value).isEmpty() || !value.contains("/")) {
            throw ApiError.invalid("InvalidParameterValue", "CIDR block " + value + " is malformed");
        }
        return value;
    }

    private static int parseInt(String s, int fallback) throws ApiError {
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw ApiError.invalid("InvalidParameterValue", "Invalid value '" + s + "' for port");
        }
    }

    // ---- paging and filters ---------------------------------------------------------------

    private record Page<T>(List<T> items, String nextToken) {
    }

    private static <T> Page<T> page(List<T> all, QueryParams p, int min, int max) throws ApiError {
        int size = DEFAULT_PAGE;
        String maxResults = p.get("MaxResults");
        if (maxResults != null) {
            try {
                size = Integer.parseInt(maxResults);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < min || size > max) {
                throw ApiError.invalid("InvalidParameterValue", "Value ( " + maxResults
                        + " ) for parameter maxResults is invalid. Expecting a value between " + min + " and " + max + ".");
            }
        }
        int start = 0;
        String token = p.get("NextToken");
        if (token != null && !token.isEmpty()) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                        .replace("offset:", ""));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("InvalidParameterValue", "The parameter NextToken is not valid");
            }
        }
        int end = Math.min(all.size(), start + size);
        String next = end < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page<>(start >= all.size() ? List.of() : all.subList(start, end), next);
    }

    private static void checkFilters(Map<String, List<String>> filters, String... known) throws ApiError {
        for (String name : filters.keySet()) {
            boolean ok = false;
            for (String k : known) {
                if (k.equals(name) || (k.equals("tag:*") && name.startsWith("tag:"))) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                throw ApiError.invalid("InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
        }
    }

    private static boolean matches(Map<String, List<String>> filters, String name, String value) {
        List<String> values = filters.get(name);
        return values == null || (value != null && anyGlob(values, value));
    }

    /** EC2 filter values may use {@code *} and {@code ?} wildcards. */
    private static boolean anyGlob(List<String> patterns, String value) {
        if (value == null) {
            return false;
        }
        Predicate<String> any = pattern -> {
            if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
                return pattern.equals(value);
            }
            StringBuilder re = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return value.matches(re.toString());
        };
        return patterns.stream().anyMatch(any);
    }
}
