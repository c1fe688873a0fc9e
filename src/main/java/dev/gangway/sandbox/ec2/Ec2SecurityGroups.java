package dev.gangway.sandbox.ec2;

import static dev.gangway.sandbox.ec2.Ec2Requests.OWNER_ID;
import static dev.gangway.sandbox.ec2.Ec2Requests.anyGlob;
import static dev.gangway.sandbox.ec2.Ec2Requests.checkFilters;
import static dev.gangway.sandbox.ec2.Ec2Requests.matches;
import static dev.gangway.sandbox.ec2.Ec2Requests.page;
import static dev.gangway.sandbox.ec2.Ec2Requests.parseInt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.gangway.instance.Cidr;
import dev.gangway.sandbox.ec2.Ec2Requests.Page;
import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryParams;
import dev.gangway.sandbox.http.XmlWriter;
import dev.gangway.sandbox.world.Ids;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.Group;
import dev.gangway.sandbox.world.SandboxWorld.Permission;
import dev.gangway.sandbox.world.SandboxWorld.RegionData;
import dev.gangway.sandbox.world.SandboxWorld.SourceKind;

/** The sandbox's EC2 security-group actions: DescribeSecurityGroups, AuthorizeSecurityGroupIngress, RevokeSecurityGroupIngress. */
final class Ec2SecurityGroups {

    private final SandboxWorld world;

    Ec2SecurityGroups(SandboxWorld world) {
        this.world = world;
    }

    // ---- DescribeSecurityGroups -----------------------------------------------------------

    void describeSecurityGroups(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
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
        for (Group g : page.items()) {
            x.start("item")
                    .el("ownerId", OWNER_ID)
                    .el("groupId", g.id)
                    .el("groupName", g.name)
                    .el("groupDescription", g.description)
                    .el("vpcId", g.vpcId);
            x.start("ipPermissions");
            writePermissions(g.inbound(), x);
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
        x.el("nextToken", page.nextToken());
    }

    /** EC2 groups the rules that share protocol and ports into one {@code IpPermission}. */
    static void writePermissions(List<Permission> rules, XmlWriter x) {
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


    // ---- Authorize / Revoke ingress -------------------------------------------------------

    void changeIngress(QueryParams p, RegionData data, XmlWriter x, boolean authorize) throws ApiError {
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
            boolean exists = group.inbound().stream().anyMatch(e -> e.sameRule(r));
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
        world.changeIngress(group, requested, authorize);
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


    static String cidr(String value) throws ApiError {
        if (value == null || Cidr.parse(value).isEmpty() || !value.contains("/")) {
            throw ApiError.invalid("InvalidParameterValue", "CIDR block " + value + " is malformed");
        }
        return value;
    }
}
