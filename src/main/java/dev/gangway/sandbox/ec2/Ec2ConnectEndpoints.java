package dev.gangway.sandbox.ec2;

import static dev.gangway.sandbox.ec2.Ec2Requests.OWNER_ID;
import static dev.gangway.sandbox.ec2.Ec2Requests.checkFilters;
import static dev.gangway.sandbox.ec2.Ec2Requests.matches;
import static dev.gangway.sandbox.ec2.Ec2Requests.page;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gangway.sandbox.ec2.Ec2Requests.Page;
import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryParams;
import dev.gangway.sandbox.http.XmlWriter;
import dev.gangway.sandbox.world.ConnectEndpoint;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.RegionData;

/**
 * The sandbox's EC2 Instance Connect Endpoint actions: Describe, Create (create-in-progress for a
 * few seconds of the world's clock, as AWS takes minutes) and Delete.
 */
final class Ec2ConnectEndpoints {

    /** How long a new endpoint stays create-in-progress. */
    static final Duration CREATING = Duration.ofSeconds(2);

    private final SandboxWorld world;
    private final Clock clock;

    Ec2ConnectEndpoints(SandboxWorld world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    void create(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        String subnet = p.get("SubnetId");
        if (subnet == null || subnet.isBlank()) {
            throw ApiError.invalid("MissingParameter", "The request must contain the parameter SubnetId");
        }
        Machine in = data.machines.stream().filter(m -> subnet.equals(m.subnetId)).findFirst()
                .orElseThrow(() -> ApiError.invalid("InvalidSubnetID.NotFound", "The subnet ID '" + subnet
                        + "' does not exist"));
        if (world.connectEndpoints().in(data.name).stream().anyMatch(e -> e.vpcId().equals(in.vpcId) && !e.state()
                .startsWith("delete"))) {
            throw ApiError.invalid("InstanceConnectEndpointLimitExceeded", "You've reached the limit of instance "
                    + "connect endpoints for VPC " + in.vpcId + ".");
        }
        List<String> groups = p.list("SecurityGroupId");
        if (groups.isEmpty()) {
            groups = data.groups.values().stream().filter(g -> g.vpcId.equals(in.vpcId)).map(g -> g.id).limit(1)
                    .toList();
        }
        ConnectEndpoint e = ConnectEndpoint.create("eice/" + subnet + "/" + clock.millis(), data.name, in.vpcId, subnet,
                in.availabilityZone, "create-in-progress", groups, clock.instant());
        world.connectEndpoints().put(e);
        x.start("instanceConnectEndpoint");
        item(e, x);
        x.end();
        x.el("clientToken", p.get("ClientToken"));
    }

    void delete(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        String id = p.get("InstanceConnectEndpointId");
        ConnectEndpoint e = world.connectEndpoints().get(id).filter(f -> f.region().equals(data.name))
                .orElseThrow(() -> ApiError.invalid("InvalidInstanceConnectEndpointId.NotFound",
                        "The instance connect endpoint ID '" + id + "' does not exist"));
        world.connectEndpoints().remove(id);
        x.start("instanceConnectEndpoint");
        item(e.withState("delete-in-progress"), x);
        x.end();
    }

    void describe(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        List<String> ids = p.list("InstanceConnectEndpointId");
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "instance-connect-endpoint-id", "state", "vpc-id", "tag:*", "tag-key");
        // Creating takes a while: done once its time has passed.
        world.connectEndpoints().in(data.name).stream().filter(e -> "create-in-progress".equals(e.state())
                && !clock.instant().isBefore(e.createdAt().plus(CREATING)))
                .forEach(e -> world.connectEndpoints().put(e.withState("create-complete")));
        List<ConnectEndpoint> all = world.connectEndpoints().in(data.name);
        for (String id : ids) {
            if (all.stream().noneMatch(e -> e.id().equals(id))) {
                throw ApiError.invalid("InvalidInstanceConnectEndpointId.NotFound",
                        "The instance connect endpoint ID '" + id + "' does not exist");
            }
        }
        List<ConnectEndpoint> selected = all.stream()
                .filter(e -> ids.isEmpty() || ids.contains(e.id()))
                .filter(e -> matches(filters, "instance-connect-endpoint-id", e.id()) && matches(filters, "state",
                        e.state()) && matches(filters, "vpc-id", e.vpcId()))
                // The sandbox's endpoints carry no tags: a tag filter matches none.
                .filter(e -> filters.keySet().stream().noneMatch(f -> f.startsWith("tag")))
                .toList();
        Page<ConnectEndpoint> page = page(selected, p, 1, 50);
        x.start("instanceConnectEndpointSet");
        for (ConnectEndpoint e : page.items()) {
            x.start("item");
            item(e, x);
            x.end();
        }
        x.end();
        x.el("nextToken", page.nextToken());
    }

    private static void item(ConnectEndpoint e, XmlWriter x) {
        x.el("ownerId", OWNER_ID)
                .el("instanceConnectEndpointId", e.id())
                .el("instanceConnectEndpointArn", "arn:aws:ec2:" + e.region() + ":" + OWNER_ID
                        + ":instance-connect-endpoint/" + e.id())
                .el("state", e.state())
                .el("stateMessage", "")
                .el("dnsName", e.dnsName())
                .el("fipsDnsName", e.fipsDnsName());
        x.start("networkInterfaceIdSet").el("item", "eni-" + e.id().substring("eice-".length())).end();
        x.el("vpcId", e.vpcId())
                .el("availabilityZone", e.availabilityZone())
                .el("createdAt", e.createdAt().toString())
                .el("subnetId", e.subnetId())
                .el("preserveClientIp", e.preserveClientIp());
        x.start("securityGroupIdSet");
        e.groupIds().forEach(g -> x.el("item", g));
        x.end();
        x.start("tagSet").end();
    }
}
