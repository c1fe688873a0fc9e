package dev.gangway.doctor;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;

import dev.gangway.instance.Cidr;

/**
 * How a network ACL judges one TCP packet, as the VPC documentation says: its entries of that
 * direction in rule-number order, the first that matches (protocol, port range, address) decides;
 * none matching is a deny (the * rule).
 */
final class NetworkAcls {

    /** The ports a client's side of a connection may use (Linux 32768–60999, Windows and macOS 49152–65535). */
    static final int[] EPHEMERAL = {32768, 49152, 60999, 65535};

    private NetworkAcls() {
    }

    /** The entry that decides a TCP packet to or from {@code port} of the instance, with {@code ip} the other end. */
    static Optional<NetworkAclEntry> decides(List<NetworkAclEntry> entries, boolean egress, int port, String ip) {
        return entries.stream().filter(e -> Boolean.TRUE.equals(e.egress()) == egress)
                .sorted(Comparator.comparing(NetworkAclEntry::ruleNumber))
                .filter(e -> "-1".equals(e.protocol()) || "6".equals(e.protocol()) || "tcp".equalsIgnoreCase(e.protocol()))
                .filter(e -> e.portRange() == null || e.portRange().from() == null
                        || e.portRange().from() <= port && port <= e.portRange().to())
                .filter(e -> covers(e, ip))
                .findFirst();
    }

    private static boolean covers(NetworkAclEntry e, String ip) {
        String cidr = ip.contains(":") ? e.ipv6CidrBlock() : e.cidrBlock();
        return cidr != null && Cidr.parse(cidr).map(c -> c.contains(ip)).orElse(false);
    }

    static boolean allows(Optional<NetworkAclEntry> e) {
        return e.isPresent() && "allow".equalsIgnoreCase(e.get().ruleActionAsString());
    }

    /** "rule 90, deny" or "its final * rule, deny". */
    static String rule(Optional<NetworkAclEntry> e) {
        return e.map(x -> "rule " + x.ruleNumber() + ", " + x.ruleActionAsString()).orElse("its final * rule, deny");
    }
}
