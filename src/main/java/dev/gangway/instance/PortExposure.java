package dev.gangway.instance;

import java.util.List;

/**
 * Whether the user's public IP can reach an instance's SSH or RDP port through its security
 * groups, said in one plain sentence. (Network ACLs and host firewalls are not visible here.)
 */
public record PortExposure(int port, Verdict verdict, List<SecurityGroupRule> matchingRules, String sentence) {

    public enum Verdict {
        /** A rule allows any address (0.0.0.0/0 or ::/0). */
        OPEN_TO_ANYONE,
        /** A rule allows the user's own address. */
        OPEN_TO_YOU,
        /** Rules open the port, but not to the user's address (or it is not known). */
        NOT_OPEN_TO_YOU,
        /** No rule opens the port at all. */
        CLOSED
    }

    public PortExposure {
        matchingRules = List.copyOf(matchingRules);
    }

    public static PortExposure evaluate(Instance instance, String myIp) {
        return evaluate(instance.securityGroups(), instance.connectPort(), myIp);
    }

    public static PortExposure evaluate(List<SecurityGroup> groups, int port, String myIp) {
        List<SecurityGroupRule> opening = groups.stream()
                .flatMap(g -> g.inboundRules().stream())
                .filter(r -> r.opensTcpPort(port))
                .toList();
        List<SecurityGroupRule> anyone = opening.stream()
                .filter(r -> isCidr(r) && Cidr.parse(r.source().value()).map(Cidr::isEverything).orElse(false))
                .toList();
        if (!anyone.isEmpty()) {
            return new PortExposure(port, Verdict.OPEN_TO_ANYONE, anyone,
                    "Port " + port + " is open to " + anyone.get(0).source().value() + " — anyone can try to connect.");
        }
        if (myIp != null) {
            List<SecurityGroupRule> mine = opening.stream()
                    .filter(r -> isCidr(r) && Cidr.parse(r.source().value()).map(c -> c.contains(myIp)).orElse(false))
                    .toList();
            if (!mine.isEmpty()) {
                SecurityGroupRule r = mine.get(0);
                return new PortExposure(port, Verdict.OPEN_TO_YOU, mine,
                        "Port " + port + " is open to your IP " + myIp + " (" + r.source().value() + " in " + r.groupId()
                                + (r.groupName() == null || r.groupName().isBlank() ? "" : " (" + r.groupName() + ")")
                                + ").");
            }
        }
        if (opening.isEmpty()) {
            return new PortExposure(port, Verdict.CLOSED, List.of(),
                    "Port " + port + " is not open to anyone: no inbound rule of its security groups allows it.");
        }
        String who = myIp == null ? "your IP (it could not be determined)" : myIp;
        return new PortExposure(port, Verdict.NOT_OPEN_TO_YOU, opening,
                "Port " + port + " is not open to " + who + "; it is open only to "
                        + String.join(", ", opening.stream().map(r -> r.source().value()).distinct().toList()) + ".");
    }

    private static boolean isCidr(SecurityGroupRule r) {
        return r.source().kind() == RuleSource.Kind.CIDR_V4 || r.source().kind() == RuleSource.Kind.CIDR_V6;
    }
}
