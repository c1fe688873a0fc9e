package dev.gangway.sandbox.ec2;

import static dev.gangway.sandbox.ec2.Ec2Requests.OWNER_ID;
import static dev.gangway.sandbox.ec2.Ec2Requests.anyGlob;
import static dev.gangway.sandbox.ec2.Ec2Requests.checkFilters;
import static dev.gangway.sandbox.ec2.Ec2Requests.matches;
import static dev.gangway.sandbox.ec2.Ec2Requests.page;
import static dev.gangway.sandbox.ec2.Ec2Requests.parseInt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.ec2.Ec2Requests.Page;
import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryParams;
import dev.gangway.sandbox.http.XmlWriter;
import dev.gangway.sandbox.world.Ids;
import dev.gangway.sandbox.world.SandboxKeyPair;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.Group;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.sandbox.world.Permissions;
import dev.gangway.sandbox.world.SandboxWorld.RegionData;

/**
 * The sandbox's EC2 instance actions: DescribeInstances, GetPasswordData, GetConsoleOutput,
 * StartInstances, StopInstances, RebootInstances.
 */
final class Ec2Instances {

    /** EC2 needs a few minutes after launch before the Windows password is available. */
    static final Duration PASSWORD_DELAY = Duration.ofMinutes(4);

    private final SandboxWorld world;
    private final SandboxKeyPair keyPair;
    private final Clock clock;

    Ec2Instances(SandboxWorld world, SandboxKeyPair keyPair, Clock clock) {
        this.world = world;
        this.keyPair = keyPair;
        this.clock = clock;
    }

    // ---- DescribeInstances ----------------------------------------------------------------

    void describeInstances(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
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
        for (Machine m : page.items()) {
            x.start("item")
                    .el("reservationId", Ids.of("r-", m.id, 17))
                    .el("ownerId", OWNER_ID)
                    .start("groupSet").end()
                    .start("instancesSet");
            writeInstance(m, x);
            x.end().end();
        }
        x.end();
        x.el("nextToken", page.nextToken());
    }

    boolean instanceMatches(Machine m, Map<String, List<String>> filters) {
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
                    case "instance-state-name" -> anyGlob(values, m.state().ec2Name());
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

    void writeInstance(Machine m, XmlWriter x) {
        boolean gone = m.state() == InstanceState.TERMINATED;
        boolean addressed = m.state() == InstanceState.RUNNING || m.state() == InstanceState.PENDING;
        String privateDns = m.privateIp == null ? null : "ip-" + m.privateIp.replace('.', '-') + "." + m.region
                + ".compute.internal";
        x.start("item")
                .el("instanceId", m.id)
                .el("imageId", m.image.id())
                .start("instanceState").el("code", m.state().code()).el("name", m.state().ec2Name()).end()
                .el("privateDnsName", gone ? "" : privateDns)
                .el("dnsName", addressed && m.publicDns != null ? m.publicDns : "")
                .el("reason", m.state() == InstanceState.STOPPED ? "User initiated (2026-03-01 10:00:00 GMT)" : "")
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
        if (m.instanceProfile != null) {
            x.start("iamInstanceProfile").el("arn", m.instanceProfile)
                    .el("id", Ids.of("AIPA", m.instanceProfile, 17).toUpperCase(Locale.ROOT)).end();
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

    Group groupById(String region, String id) {
        return world.region(region).map(r -> r.groups.get(id)).orElse(null);
    }


    // ---- GetPasswordData / GetConsoleOutput ------------------------------------------------

    Machine instance(QueryParams p, RegionData data) throws ApiError {
        String id = p.get("InstanceId");
        if (id == null) {
            throw ApiError.invalid("MissingParameter", "The request must contain the parameter InstanceId");
        }
        return data.machines.stream().filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> ApiError.invalid("InvalidInstanceID.NotFound",
                        "The instance ID '" + id + "' does not exist"));
    }

    void getPasswordData(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        Machine m = instance(p, data);
        String arn = "arn:aws:ec2:" + m.region + ":" + Permissions.ACCOUNT + ":instance/" + m.id;
        if (!world.permissions().allows("ec2:GetPasswordData", arn)) {
            throw new ApiError(403, "UnauthorizedOperation", "You are not authorized to perform this operation. "
                    + Permissions.refusal("ec2:GetPasswordData", arn));
        }
        Instant now = clock.instant();
        String encrypted = "";
        if (m.windows() && m.windowsPassword != null && !now.isBefore(m.launchTime.plus(PASSWORD_DELAY))) {
            encrypted = keyPair.encryptPassword(m.windowsPassword);
        }
        x.el("instanceId", m.id).el("timestamp", now.toString()).el("passwordData", encrypted);
    }

    void getConsoleOutput(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        Machine m = instance(p, data);
        String text = ConsoleOutput.render(m);
        x.el("instanceId", m.id).el("timestamp", clock.instant().toString())
                .el("output", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }


    // ---- Start / Stop / Reboot ------------------------------------------------------------

    void changeState(QueryParams p, RegionData data, XmlWriter x, InstanceState target) throws ApiError {
        List<Machine> machines = instances(p, data);
        for (Machine m : machines) {
            if (m.state() == InstanceState.TERMINATED || m.state() == InstanceState.SHUTTING_DOWN) {
                throw ApiError.invalid("IncorrectInstanceState", "The instance '" + m.id
                        + "' is not in a state from which it can be " + (target == InstanceState.RUNNING ? "started." : "stopped."));
            }
        }
        x.start("instancesSet");
        for (Machine m : machines) {
            InstanceState previous = world.changeState(m, target);
            InstanceState reported = previous == target ? target
                    : target == InstanceState.RUNNING ? InstanceState.PENDING : InstanceState.STOPPING;
            x.start("item").el("instanceId", m.id)
                    .start("currentState").el("code", reported.code()).el("name", reported.ec2Name()).end()
                    .start("previousState").el("code", previous.code()).el("name", previous.ec2Name()).end()
                    .end();
        }
        x.end();
    }

    void reboot(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        // A reboot ends every SSH session; the instance is back (still running) straight away here.
        instances(p, data).stream().filter(m -> m.state() == InstanceState.RUNNING).forEach(world::wentDown);
        x.el("return", true);
    }

    List<Machine> instances(QueryParams p, RegionData data) throws ApiError {
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
}
