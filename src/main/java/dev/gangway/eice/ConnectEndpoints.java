package dev.gangway.eice;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
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
            throw new CloudException(AwsErrors.describe(e, instance.profile(), instance.region(),
                    AwsErrors.Call.ec2("look for Instance Connect Endpoints", "DescribeInstanceConnectEndpoints")), e);
        }
        return choose(found, instance.subnetId()).orElseThrow(() -> new CloudException(instance.label() + " has no "
                + "Instance Connect Endpoint in its VPC (" + instance.vpcId() + "): create one in its subnet (VPC "
                + "console, Endpoints), or use Session Manager."));
    }

    /**
     * Creates an endpoint in {@code instance}'s subnet (with its VPC's default security group, as EC2
     * does when given none) and waits until it opens tunnels: a few minutes on AWS.
     *
     * @throws CloudException when EC2 refuses it, it fails, or it is not ready within {@code patience}
     */
    public static Endpoint create(CloudAccess access, Instance instance, Duration patience)
            throws CloudException, InterruptedException {
        if (instance.subnetId() == null) {
            throw new CloudException(instance.label() + " is in no subnet: an endpoint cannot be made for it.");
        }
        Ec2Client ec2 = access.ec2(instance.profile(), instance.region());
        String id;
        try {
            id = ec2.createInstanceConnectEndpoint(r -> r.subnetId(instance.subnetId()))
                    .instanceConnectEndpoint().instanceConnectEndpointId();
        } catch (SdkException e) {
            throw new CloudException("Could not create an Instance Connect Endpoint in " + instance.subnetId() + ": "
                    + AwsErrors.describe(e, instance.profile(), instance.region(), AwsErrors.Call.ec2(
                    "create an Instance Connect Endpoint", "CreateInstanceConnectEndpoint")), e);
        }
        long until = System.nanoTime() + patience.toNanos();
        while (true) {
            Ec2InstanceConnectEndpoint e;
            try {
                e = ec2.describeInstanceConnectEndpoints(r -> r.instanceConnectEndpointIds(id))
                        .instanceConnectEndpoints().get(0);
            } catch (SdkException | IndexOutOfBoundsException ex) {
                throw new CloudException("The new endpoint " + id + " could not be read back: " + ex.getMessage(), ex);
            }
            if (USABLE.contains(e.stateAsString())) {
                return new Endpoint(e.instanceConnectEndpointId(), e.dnsName(), e.vpcId(), e.subnetId(),
                        e.securityGroupIds());
            }
            if (e.stateAsString().endsWith("failed")) {
                throw new CloudException("Creating the endpoint " + id + " failed: " + e.stateMessage());
            }
            if (System.nanoTime() > until) {
                throw new CloudException("The endpoint " + id + " is still being created (" + e.stateAsString()
                        + "): look again in a few minutes.");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** How often a new endpoint's state is read while it is being created. */
    static final Duration POLL = Duration.ofSeconds(2);

    /** The endpoint in {@code subnetId}, else the first. */
    static Optional<Endpoint> choose(List<Ec2InstanceConnectEndpoint> endpoints, String subnetId) {
        return endpoints.stream().filter(e -> e.subnetId() != null && e.subnetId().equals(subnetId)).findFirst()
                .or(() -> endpoints.stream().findFirst())
                .map(e -> new Endpoint(e.instanceConnectEndpointId(), e.dnsName(), e.vpcId(), e.subnetId(),
                        e.securityGroupIds()));
    }
}
