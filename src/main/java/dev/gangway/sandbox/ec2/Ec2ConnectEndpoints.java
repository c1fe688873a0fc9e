package dev.gangway.sandbox.ec2;

import static dev.gangway.sandbox.ec2.Ec2Requests.OWNER_ID;
import static dev.gangway.sandbox.ec2.Ec2Requests.checkFilters;
import static dev.gangway.sandbox.ec2.Ec2Requests.matches;
import static dev.gangway.sandbox.ec2.Ec2Requests.page;

import java.util.List;
import java.util.Map;

import dev.gangway.sandbox.ec2.Ec2Requests.Page;
import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryParams;
import dev.gangway.sandbox.http.XmlWriter;
import dev.gangway.sandbox.world.ConnectEndpoint;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.RegionData;

/** The sandbox's EC2 Instance Connect Endpoint actions: DescribeInstanceConnectEndpoints. */
final class Ec2ConnectEndpoints {

    private final SandboxWorld world;

    Ec2ConnectEndpoints(SandboxWorld world) {
        this.world = world;
    }

    void describe(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        List<String> ids = p.list("InstanceConnectEndpointId");
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "instance-connect-endpoint-id", "state", "vpc-id", "tag:*", "tag-key");
        List<ConnectEndpoint> all = world.endpoints(data.name);
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
            x.start("item")
                    .el("ownerId", OWNER_ID)
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
            x.end();
        }
        x.end();
        x.el("nextToken", page.nextToken());
    }
}
