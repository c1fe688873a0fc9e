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
 * The sandbox's DescribeRouteTables: each VPC's main table (its local route and 0.0.0.0/0 to an
 * internet gateway) and, for each private subnet, a table of its own with the local route only.
 */
final class Ec2RouteTables {

    /** One route table: its id, VPC, routes to an internet gateway or not, and the subnet it is explicitly for. */
    private record Table(String id, String vpcId, boolean internet, String subnetId) {
        boolean main() {
            return subnetId == null;
        }
    }

    void describe(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "vpc-id", "association.subnet-id", "association.main", "route-table-id");
        List<String> ids = p.list("RouteTableId");
        List<Table> selected = tables(data).stream()
                .filter(t -> ids.isEmpty() || ids.contains(t.id()))
                .filter(t -> matches(filters, "vpc-id", t.vpcId()) && matches(filters, "route-table-id", t.id())
                        && matches(filters, "association.main", Boolean.toString(t.main()))
                        && (!filters.containsKey("association.subnet-id")
                                || t.subnetId() != null && matches(filters, "association.subnet-id", t.subnetId())))
                .toList();
        x.start("routeTableSet");
        for (Table t : selected) {
            x.start("item").el("routeTableId", t.id()).el("vpcId", t.vpcId()).el("ownerId", OWNER_ID);
            x.start("routeSet");
            x.start("item").el("destinationCidrBlock", "172.31.0.0/16").el("gatewayId", "local").el("state", "active")
                    .el("origin", "CreateRouteTable").end();
            if (t.internet()) {
                x.start("item").el("destinationCidrBlock", "0.0.0.0/0")
                        .el("gatewayId", Ids.of("igw-", data.name + "/" + t.vpcId(), 17)).el("state", "active")
                        .el("origin", "CreateRoute").end();
            }
            x.end();
            x.start("associationSet").start("item")
                    .el("routeTableAssociationId", Ids.of("rtbassoc-", t.id() + "/" + t.subnetId(), 17))
                    .el("routeTableId", t.id())
                    .el("subnetId", t.subnetId())
                    .el("main", t.main())
                    .start("associationState").el("state", "associated").end()
                    .end().end();
            x.start("propagatingVgwSet").end().start("tagSet").end();
            x.end();
        }
        x.end();
    }

    private static List<Table> tables(RegionData data) {
        Set<String> vpcs = new LinkedHashSet<>();
        data.groups.values().forEach(g -> vpcs.add(g.vpcId));
        data.machines.stream().map(m -> m.vpcId).forEach(vpcs::add);
        List<Table> tables = new ArrayList<>();
        for (String vpc : vpcs) {
            tables.add(new Table(Ids.of("rtb-", data.name + "/" + vpc + "/main", 17), vpc, true, null));
        }
        for (String subnet : data.privateSubnets) {
            String vpc = data.machines.stream().filter(m -> subnet.equals(m.subnetId)).map(m -> m.vpcId).findFirst()
                    .orElse(vpcs.isEmpty() ? null : vpcs.iterator().next());
            tables.add(new Table(Ids.of("rtb-", data.name + "/" + subnet, 17), vpc, false, subnet));
        }
        return tables;
    }

}
