package dev.gangway.instance;

import java.util.Locale;

/**
 * One inbound permission of a security group, flattened to a single source.
 * {@code protocol} is as EC2 reports it: {@code tcp}, {@code udp}, {@code icmp} or {@code -1} (all traffic);
 * ports are -1 when the protocol has none.
 */
public record SecurityGroupRule(String groupId, String groupName, String protocol, int fromPort, int toPort,
                                RuleSource source, String description) {

    public boolean allTraffic() {
        return "-1".equals(protocol) || "all".equalsIgnoreCase(protocol);
    }

    /** Whether this rule lets TCP traffic in on {@code port}. */
    public boolean opensTcpPort(int port) {
        if (allTraffic()) {
            return true;
        }
        if (!"tcp".equalsIgnoreCase(protocol) && !"6".equals(protocol)) {
            return false;
        }
        return fromPort <= port && port <= toPort;
    }

    public String protocolLabel() {
        return allTraffic() ? "All" : protocol.toUpperCase(Locale.ROOT);
    }

    public String portLabel() {
        if (allTraffic() || fromPort < 0) {
            return "All";
        }
        return fromPort == toPort ? Integer.toString(fromPort) : fromPort + "–" + toPort;
    }
}
