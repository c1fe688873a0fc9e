package dev.gangway.doctor;

import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.IpPermission;

import dev.gangway.aws.AwsErrors;
import dev.gangway.aws.CloudException;
import dev.gangway.eice.ConnectEndpoints;
import dev.gangway.eice.EndpointTunnel;
import dev.gangway.instance.Cidr;
import dev.gangway.instance.Instance;
import dev.gangway.instance.RuleSource;

/**
 * The doctor's checks of an Instance Connect Endpoint: one in the instance's VPC, the instance's
 * security groups letting it in, and a tunnel through it opened and closed for real.
 */
final class EndpointChecks {

    private final Doctor.Environment env;
    private final Instance instance;
    private final Facts facts;
    private final int port;
    private final boolean windows;

    EndpointChecks(Doctor.Environment env, Instance instance, Facts facts, int port) {
        this.env = env;
        this.instance = instance;
        this.facts = facts;
        this.port = port;
        this.windows = Doctor.windows(instance);
    }

    Finding endpoint() {
        String t = "An endpoint in its VPC";
        Facts.Got<ConnectEndpoints.Endpoint> got = facts.endpoint.join();
        if (!got.ok()) {
            return Finding.fails(Way.ENDPOINT, "endpoint", t, got.problem(), "Create an EC2 Instance Connect "
                    + "Endpoint in subnet " + instance.subnetId() + " (it takes a few minutes), or use Session "
                    + "Manager.");
        }
        ConnectEndpoints.Endpoint e = got.value();
        return Finding.works(Way.ENDPOINT, "endpoint", t, e.id() + (e.subnetId().equals(instance.subnetId())
                ? " is in its subnet." : " is in subnet " + e.subnetId() + " of its VPC."));
    }

    /** Whether a rule of the instance's groups lets the endpoint in: from the endpoint's group, or a range holding the instance. */
    Finding allowed() {
        String t = "The endpoint let in";
        Facts.Got<ConnectEndpoints.Endpoint> got = facts.endpoint.join();
        if (!got.ok()) {
            return Finding.unknown(Way.ENDPOINT, "endpoint-allowed", t, "No endpoint to let in.", "");
        }
        ConnectEndpoints.Endpoint e = got.value();
        // A group source reads "sg-0abc (name)": its id is the first word.
        boolean allowed = facts.groups.join().stream().flatMap(g -> g.inboundRules().stream())
                .filter(r -> r.opensTcpPort(port))
                .anyMatch(r -> r.source().kind() == RuleSource.Kind.SECURITY_GROUP
                        && e.groupIds().contains(r.source().value().split(" ")[0])
                        || (r.source().kind() == RuleSource.Kind.CIDR_V4 || r.source().kind() == RuleSource.Kind.CIDR_V6)
                        && instance.privateIp() != null
                        && Cidr.parse(r.source().value()).map(c -> c.contains(instance.privateIp())).orElse(false));
        String groups = String.join(", ", e.groupIds());
        return allowed
                ? Finding.works(Way.ENDPOINT, "endpoint-allowed", t, "A rule of its security groups lets the endpoint "
                        + "(" + groups + ") reach port " + port + ".")
                : Finding.fails(Way.ENDPOINT, "endpoint-allowed", t, "No rule of its security groups lets the "
                        + "endpoint (" + groups + ") reach port " + port + ".", "Add an inbound rule for TCP " + port
                        + " from the endpoint's security group " + groups + ".");
    }

    /** Whether the endpoint's own groups let it send to the instance's port (their outbound rules). */
    Finding egress() {
        String t = "The endpoint let out";
        Facts.Got<ConnectEndpoints.Endpoint> got = facts.endpoint.join();
        if (!got.ok() || instance.privateIp() == null) {
            return Finding.unknown(Way.ENDPOINT, "endpoint-egress", t, "No endpoint, or no private address.", "");
        }
        ConnectEndpoints.Endpoint e = got.value();
        List<software.amazon.awssdk.services.ec2.model.SecurityGroup> groups;
        try {
            groups = env.access().ec2(instance.profile(), instance.region())
                    .describeSecurityGroups(r -> r.groupIds(e.groupIds())).securityGroups();
        } catch (SdkException ex) {
            return Finding.unknown(Way.ENDPOINT, "endpoint-egress", t, "The endpoint's security groups could not be "
                    + "read: " + AwsErrors.describe(ex, instance.profile(), instance.region()), "");
        }
        List<String> instanceGroups = instance.securityGroups().stream().map(g -> g.id()).toList();
        boolean out = groups.stream().anyMatch(g -> lets(g.ipPermissionsEgress(), port, instance.privateIp(),
                instanceGroups));
        String names = String.join(", ", e.groupIds());
        return out ? Finding.works(Way.ENDPOINT, "endpoint-egress", t, "The endpoint's security group (" + names
                + ") lets it send to port " + port + " of " + instance.privateIp() + ".")
                : Finding.fails(Way.ENDPOINT, "endpoint-egress", t, "No outbound rule of the endpoint's security group ("
                        + names + ") lets it send to port " + port + " of " + instance.privateIp() + ".",
                        "Add an outbound rule for TCP " + port + " to the instance's security group, or to its address, "
                        + "in " + names + ".");
    }

    /** Whether {@code egress} rules let TCP to {@code port} of {@code address} (or of a member of {@code groups}) out. */
    static boolean lets(List<IpPermission> egress, int port, String address, List<String> groups) {
        for (IpPermission p : egress) {
            boolean protocol = "-1".equals(p.ipProtocol()) || "tcp".equalsIgnoreCase(p.ipProtocol())
                    || "6".equals(p.ipProtocol());
            boolean ports = "-1".equals(p.ipProtocol()) || p.fromPort() == null
                    || p.fromPort() <= port && port <= p.toPort();
            if (!protocol || !ports) {
                continue;
            }
            boolean to = p.ipRanges().stream().anyMatch(r -> Cidr.parse(r.cidrIp()).map(c -> c.contains(address))
                    .orElse(false))
                    || p.ipv6Ranges().stream().anyMatch(r -> Cidr.parse(r.cidrIpv6()).map(c -> c.contains(address))
                            .orElse(false))
                    || p.userIdGroupPairs().stream().anyMatch(g -> groups.contains(g.groupId()));
            if (to) {
                return true;
            }
        }
        return false;
    }

    /** A tunnel opened for real and closed again: the endpoint's permission and its path to the port. */
    Finding tunnel() {
        String t = "A tunnel through the endpoint";
        if (!facts.endpoint.join().ok()) {
            return Finding.unknown(Way.ENDPOINT, "endpoint-tunnel", t, "No endpoint to open a tunnel through.", "");
        }
        try (EndpointTunnel tunnel = EndpointTunnel.open(env.access(), instance, port, 0);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), tunnel.port())) {
            s.setSoTimeout(windows ? 1_500 : (int) Doctor.DIAL.toMillis());
            try {
                int first = s.getInputStream().read();
                if (first < 0) {
                    return Finding.fails(Way.ENDPOINT, "endpoint-tunnel", t, tunnel.failure().orElse("The endpoint "
                            + "closed the tunnel to port " + port + "."), "Check that the server listens on port "
                            + port + " and that the endpoint is let in (above).");
                }
                return Finding.works(Way.ENDPOINT, "endpoint-tunnel", t, "The endpoint opened a tunnel to port " + port
                        + " of " + instance.privateIp() + ", and the server there answered.");
            } catch (SocketTimeoutException quiet) {
                // Remote Desktop waits for the client to speak first: an open tunnel is all there is to see.
                return windows ? Finding.works(Way.ENDPOINT, "endpoint-tunnel", t, "The endpoint opened a tunnel to "
                        + "port " + port + " of " + instance.privateIp() + ".")
                        : Finding.unknown(Way.ENDPOINT, "endpoint-tunnel", t, "The endpoint opened a tunnel, but no "
                                + "SSH server spoke within " + Doctor.DIAL.toSeconds() + " s.", "");
            }
        } catch (CloudException e) {
            Finding f = Finding.fails(Way.ENDPOINT, "endpoint-tunnel", t, e.getMessage(), "");
            return e.getMessage().contains("OpenTunnel") ? f.withPolicy(Policies.openTunnel(instance,
                    facts.endpoint.join().value(), port)) : f;
        } catch (java.io.IOException e) {
            return Finding.fails(Way.ENDPOINT, "endpoint-tunnel", t, e.getMessage(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.unknown(Way.ENDPOINT, "endpoint-tunnel", t, "Stopped.", "");
        }
    }
}
