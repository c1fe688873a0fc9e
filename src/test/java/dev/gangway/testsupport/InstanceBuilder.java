package dev.gangway.testsupport;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.SecurityGroup;

/**
 * Test instances by name instead of by position in {@link Instance}'s 21 fields: a running Linux
 * t3.micro with key pair "k" unless told otherwise.
 */
public final class InstanceBuilder {

    private String id = "i-1";
    private String name = "n";
    private Map<String, String> tags = Map.of();
    private InstanceState state = InstanceState.RUNNING;
    private GuestOs platform = GuestOs.LINUX;
    private String keyName = "k";
    private String publicIp;
    private String publicDns;
    private String privateIp;
    private List<String> ipv6 = List.of();
    private List<SecurityGroup> groups = List.of();

    public static InstanceBuilder instance() {
        return new InstanceBuilder();
    }

    public InstanceBuilder id(String value) {
        id = value;
        return this;
    }

    public InstanceBuilder name(String value) {
        name = value;
        return this;
    }

    public InstanceBuilder tags(Map<String, String> value) {
        tags = value;
        return this;
    }

    public InstanceBuilder state(InstanceState value) {
        state = value;
        return this;
    }

    public InstanceBuilder platform(GuestOs value) {
        platform = value;
        return this;
    }

    public InstanceBuilder windows() {
        return platform(GuestOs.WINDOWS);
    }

    public InstanceBuilder keyName(String value) {
        keyName = value;
        return this;
    }

    public InstanceBuilder publicIp(String value) {
        publicIp = value;
        return this;
    }

    public InstanceBuilder publicDns(String value) {
        publicDns = value;
        return this;
    }

    public InstanceBuilder privateIp(String value) {
        privateIp = value;
        return this;
    }

    public InstanceBuilder ipv6(String... value) {
        ipv6 = List.of(value);
        return this;
    }

    public InstanceBuilder securityGroups(List<SecurityGroup> value) {
        groups = value;
        return this;
    }

    public Instance build() {
        return new Instance("p", "us-east-1", "us-east-1a", id, name, tags, state, "t3.micro", platform, null, "ami-1",
                null, keyName, publicIp, publicDns, privateIp, ipv6, "vpc-1", "subnet-1", Instant.EPOCH, groups);
    }
}
