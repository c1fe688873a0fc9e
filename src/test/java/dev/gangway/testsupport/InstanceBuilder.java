package dev.gangway.testsupport;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.ManagedAgent;
import dev.gangway.instance.SecurityGroup;

/**
 * Test instances by name instead of by position in {@link Instance}'s 21 fields: a running Linux
 * t3.micro with key pair "k", changed where the test says, e.g.
 * {@code instance(i -> { i.name = "win"; i.platform = GuestOs.WINDOWS; })}.
 */
public final class InstanceBuilder {

    public String profile = "p";
    public String region = "us-east-1";
    public String id = "i-1";
    public String name = "n";
    public Map<String, String> tags = Map.of();
    public InstanceState state = InstanceState.RUNNING;
    public GuestOs platform = GuestOs.LINUX;
    public String keyName = "k";
    public String publicIp;
    public String publicDns;
    public String privateIp;
    public List<String> ipv6 = List.of();
    public List<SecurityGroup> securityGroups = List.of();
    public ManagedAgent agent;
    public String vpcId = "vpc-1";
    public String subnetId = "subnet-1";

    private InstanceBuilder() {
    }

    /** The default instance as {@code spec} changes it. */
    public static Instance instance(Consumer<InstanceBuilder> spec) {
        InstanceBuilder b = new InstanceBuilder();
        spec.accept(b);
        return new Instance(b.profile, b.region, b.region + "a", b.id, b.name, b.tags, b.state, "t3.micro", b.platform, null,
                "ami-1", null, b.keyName, b.publicIp, b.publicDns, b.privateIp, b.ipv6, b.vpcId, b.subnetId,
                Instant.EPOCH, b.securityGroups, b.agent);
    }
}
