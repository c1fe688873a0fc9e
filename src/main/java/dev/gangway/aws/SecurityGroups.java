package dev.gangway.aws;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.IpPermission;

import dev.gangway.instance.Instance;
import dev.gangway.instance.RuleSource;
import dev.gangway.instance.SecurityGroup;
import dev.gangway.instance.SecurityGroupRule;

/** Security groups as EC2 describes them, read into Gangway's model (inbound rules one per source). */
public final class SecurityGroups {

    private SecurityGroups() {
    }

    /** One group of EC2's answer. */
    public static SecurityGroup of(software.amazon.awssdk.services.ec2.model.SecurityGroup g) {
        return new SecurityGroup(g.groupId(), g.groupName(), g.description(),
                inboundRules(g.groupId(), g.groupName(), g.ipPermissions()));
    }

    /**
     * {@code instance}'s groups as they are now (DescribeSecurityGroups), for checks that must not
     * trust the listing's copy (a rule added since).
     */
    public static List<SecurityGroup> current(CloudAccess access, Instance instance) throws CloudException {
        List<String> ids = instance.securityGroups().stream().map(SecurityGroup::id).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        try {
            return access.ec2(instance.profile(), instance.region()).describeSecurityGroups(r -> r.groupIds(ids))
                    .securityGroups().stream().map(SecurityGroups::of).toList();
        } catch (SdkException e) {
            throw new CloudException(AwsErrors.describe(e, instance.profile(), instance.region(),
                    AwsErrors.Call.ec2("read the security groups of " + instance.label(), "DescribeSecurityGroups")), e);
        }
    }

    public static List<SecurityGroupRule> inboundRules(String groupId, String groupName, List<IpPermission> permissions) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (IpPermission p : permissions) {
            String protocol = p.ipProtocol();
            int from = p.fromPort() == null ? -1 : p.fromPort();
            int to = p.toPort() == null ? -1 : p.toPort();
            p.ipRanges().forEach(r -> rules.add(new SecurityGroupRule(groupId, groupName, protocol, from, to,
                    new RuleSource(RuleSource.Kind.CIDR_V4, r.cidrIp()), r.description())));
            p.ipv6Ranges().forEach(r -> rules.add(new SecurityGroupRule(groupId, groupName, protocol, from, to,
                    new RuleSource(RuleSource.Kind.CIDR_V6, r.cidrIpv6()), r.description())));
            p.prefixListIds().forEach(r -> rules.add(new SecurityGroupRule(groupId, groupName, protocol, from, to,
                    new RuleSource(RuleSource.Kind.PREFIX_LIST, r.prefixListId()), r.description())));
            p.userIdGroupPairs().forEach(r -> rules.add(new SecurityGroupRule(groupId, groupName, protocol, from, to,
                    new RuleSource(RuleSource.Kind.SECURITY_GROUP,
                            r.groupName() == null ? r.groupId() : r.groupId() + " (" + r.groupName() + ")"),
                    r.description())));
        }
        return rules;
    }
}
