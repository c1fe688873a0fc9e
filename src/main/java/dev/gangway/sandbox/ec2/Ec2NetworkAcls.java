package dev.gangway.sandbox.ec2;

import static dev.gangway.sandbox.ec2.Ec2Requests.OWNER_ID;
import static dev.gangway.sandbox.ec2.Ec2Requests.checkFilters;
import static dev.gangway.sandbox.ec2.Ec2Requests.matches;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryParams;
import dev.gangway.sandbox.http.XmlWriter;
import dev.gangway.sandbox.world.Ids;
import dev.gangway.sandbox.world.SandboxWorld.RegionData;

/**
 * The sandbox's DescribeNetworkAcls: each VPC's default ACL (everything allowed both ways) for its
 * subnets, and for a subnet the world gives denied ports, an ACL of its own that denies them inbound
 * first (rule 90s) and then allows the rest, as people write them.
 */
final class Ec2NetworkAcls {

    private record Acl(String id, String vpcId, boolean isDefault, List<String> subnets, List<Integer> denied) {
    }

    void describe(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "vpc-id", "association.subnet-id", "default", "network-acl-id");
        List<String> ids = p.list("NetworkAclId");
        x.start("networkAclSet");
        for (Acl a : acls(data)) {
            boolean subnetMatches = !filters.containsKey("association.subnet-id")
                    || a.subnets().stream().anyMatch(s -> matches(filters, "association.subnet-id", s));
            if ((!ids.isEmpty() && !ids.contains(a.id())) || !subnetMatches || !matches(filters, "vpc-id", a.vpcId())
                    || !matches(filters, "network-acl-id", a.id())
                    || !matches(filters, "default", Boolean.toString(a.isDefault()))) {
                continue;
            }
            x.start("item").el("networkAclId", a.id()).el("vpcId", a.vpcId()).el("default", a.isDefault());
            x.start("entrySet");
            int rule = 90;
            for (int port : a.denied()) {
                entry(x, rule++, "6", "deny", false, port);
            }
            entry(x, 100, "-1", "allow", false, -1);
            entry(x, 32767, "-1", "deny", false, -1);
            entry(x, 100, "-1", "allow", true, -1);
            entry(x, 32767, "-1", "deny", true, -1);
            x.end();
            x.start("associationSet");
            for (String subnet : a.subnets()) {
                x.start("item").el("networkAclAssociationId", Ids.of("aclassoc-", a.id() + "/" + subnet, 17))
                        .el("networkAclId", a.id()).el("subnetId", subnet).end();
            }
            x.end().start("tagSet").end().el("ownerId", OWNER_ID).end();
        }
        x.end();
    }

    private static void entry(XmlWriter x, int rule, String protocol, String action, boolean egress, int port) {
        x.start("item").el("ruleNumber", rule).el("protocol", protocol).el("ruleAction", action).el("egress", egress)
                .el("cidrBlock", "0.0.0.0/0");
        if (port > 0) {
            x.start("portRange").el("from", port).el("to", port).end();
        }
        x.end();
    }

    private static List<Acl> acls(RegionData data) {
        Set<String> vpcs = new LinkedHashSet<>();
        data.groups.values().forEach(g -> vpcs.add(g.vpcId));
        data.machines.forEach(m -> vpcs.add(m.vpcId));
        List<Acl> acls = new ArrayList<>();
        for (String vpc : vpcs) {
            List<String> subnets = data.machines.stream().filter(m -> vpc.equals(m.vpcId)).map(m -> m.subnetId)
                    .distinct().filter(s -> !data.deniedPorts.containsKey(s)).toList();
            acls.add(new Acl(Ids.of("acl-", data.name + "/" + vpc, 17), vpc, true, subnets, List.of()));
        }
        data.deniedPorts.forEach((subnet, ports) -> {
            String vpc = data.machines.stream().filter(m -> subnet.equals(m.subnetId)).map(m -> m.vpcId).findFirst()
                    .orElse(null);
            acls.add(new Acl(Ids.of("acl-", data.name + "/" + subnet, 17), vpc, false, List.of(subnet),
                    List.copyOf(ports)));
        });
        return acls;
    }
}
