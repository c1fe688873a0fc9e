package dev.gangway.eice;

import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Ec2InstanceConnectEndpoint;
import software.amazon.awssdk.services.ec2.model.Filter;

import dev.gangway.aws.AwsErrors;
import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.instance.Instance;

/**
 * Finds the Instance Connect Endpoint that reaches an instance, as the AWS CLI's open-tunnel does:
 * one in the instance's VPC in a state that opens tunnels, the one in the instance's own subnet first.
 */
public final class ConnectEndpoints {

    /** The states in which an endpoint opens tunnels. */
    static final List<String> USABLE = List.of("create-complete", "update-in-progress", "update-complete",
            "update-failed");

    /** An endpoint: its id, the name its tunnels are opened at, where it is. */
    public record Endpoint(String id, String dnsName, String vpcId, String subnetId, List<String> groupIds) {
        public Endpoint {
            groupIds = List.copyOf(groupIds);
        }
    }

    private ConnectEndpoints() {
    }

    /**
     * The endpoint for {@code instance}.
     *
     * @throws CloudException with what to do when the VPC has none, or the call fails
     */
    public static Endpoint find(CloudAccess access, Instance instance) throws CloudException {
        if (instance.vpcId() == null) {
            throw new CloudException(instance.label() + " is not in a VPC: an Instance Connect Endpoint cannot reach it.");
        }
        List<Ec2InstanceConnectEndpoint> found;
        try {
            found = access.ec2(instance.profile(), instance.region())
                    .describeInstanceConnectEndpointsPaginator(r -> r.filters(
                            Filter.builder().name("vpc-id").values(instance.vpcId()).build(),
                            Filter.builder().name("state").values(USABLE).build()))
                    .instanceConnectEndpoints().stream().toList();
        } catch (SdkException e) {
            throw new CloudException(AwsErrors.describe(e, instance.profile(), instance.region()), e);
        }
        return choose(found, instance.subnetId()).orElseThrow(() -> new CloudException(instance.label() + " has no "
                + "Instance Connect Endpoint in its VPC (" + instance.vpcId() + "): create one in its subnet (VPC "
                + "console, Endpoints), or use Session Manager."));
    }

    /** The endpoint in {@code subnetId}, else the first. */
    static Optional<Endpoint> choose(List<Ec2InstanceConnectEndpoint> endpoints, String subnetId) {
        return endpoints.stream().filter(e -> e.subnetId() != null && e.subnetId().equals(subnetId)).findFirst()
                .or(() -> endpoints.stream().findFirst())
                .map(e -> new Endpoint(e.instanceConnectEndpointId(), e.dnsName(), e.vpcId(), e.subnetId(),
                        e.securityGroupIds()));
    }
}
