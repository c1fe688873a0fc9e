package dev.gangway.sandbox.world;

import java.time.Instant;
import java.util.List;

/**
 * An EC2 Instance Connect Endpoint in the sandbox: in one subnet of a VPC, it opens tunnels
 * ({@code /openTunnel}) to the private addresses of that VPC's instances.
 *
 * @param state      create-in-progress, create-complete, delete-in-progress, ... as EC2 names them
 * @param dnsName    the name its WebSocket is reached at on AWS (the sandbox serves it on its own port)
 * @param groupIds   its security groups
 */
public record ConnectEndpoint(String id, String region, String vpcId, String subnetId, String availabilityZone,
                              String state, String dnsName, String fipsDnsName, List<String> groupIds,
                              boolean preserveClientIp, Instant createdAt) {

    public ConnectEndpoint {
        groupIds = List.copyOf(groupIds);
    }

    /** States in which the endpoint opens tunnels (as the AWS CLI's open-tunnel accepts them). */
    public boolean usable() {
        return switch (state) {
            case "create-complete", "update-in-progress", "update-complete", "update-failed" -> true;
            default -> false;
        };
    }

    public ConnectEndpoint withState(String value) {
        return new ConnectEndpoint(id, region, vpcId, subnetId, availabilityZone, value, dnsName, fipsDnsName, groupIds,
                preserveClientIp, createdAt);
    }

    /** A new endpoint's id and names, derived from {@code seed} as the world's other ids are. */
    public static ConnectEndpoint create(String seed, String region, String vpcId, String subnetId, String zone,
            String state, List<String> groupIds, Instant createdAt) {
        String id = Ids.of("eice-", region + "/" + seed, 17);
        return new ConnectEndpoint(id, region, vpcId, subnetId, zone, state,
                id + ".ec2-instance-connect-endpoint." + region + ".amazonaws.com",
                id + ".fips.ec2-instance-connect-endpoint." + region + ".amazonaws.com", groupIds, false, createdAt);
    }
}
