package dev.gangway.instance;

import java.util.List;

/** A security group attached to an instance, with its inbound rules. */
public record SecurityGroup(String id, String name, String description, List<SecurityGroupRule> inboundRules) {

    public SecurityGroup {
        inboundRules = List.copyOf(inboundRules);
    }

    /** A group whose details could not be read (for example, it is in another account). */
    public static SecurityGroup unresolved(String id, String name) {
        return new SecurityGroup(id, name == null ? "" : name, "", List.of());
    }
}
