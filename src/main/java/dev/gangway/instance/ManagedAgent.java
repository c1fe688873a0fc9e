package dev.gangway.instance;

import java.time.Instant;

/**
 * What Systems Manager knows of a node's SSM agent (DescribeInstanceInformation): whether it pings,
 * its version and the platform it reports. An instance without one has no agent registered (or its
 * Systems Manager facts could not be read).
 *
 * @param lastPing when the agent last pinged, or null when not said
 */
public record ManagedAgent(Ping ping, String agentVersion, String platformName, Instant lastPing) {

    /** The agent's PingStatus. */
    public enum Ping {
        ONLINE("Online", "Online"),
        CONNECTION_LOST("Connection lost", "Lost"),
        INACTIVE("Inactive", "Inactive"),
        UNKNOWN("Unknown", "Unknown");

        private final String label;
        private final String shortLabel;

        Ping(String label, String shortLabel) {
            this.label = label;
            this.shortLabel = shortLabel;
        }

        public String label() {
            return label;
        }

        /** For a narrow column: "Lost" for Connection lost. */
        public String shortLabel() {
            return shortLabel;
        }

        /** {@code Online}, {@code ConnectionLost}, {@code Inactive} as SSM spells them. */
        public static Ping fromSsm(String value) {
            if (value == null) {
                return UNKNOWN;
            }
            return switch (value) {
                case "Online" -> ONLINE;
                case "ConnectionLost" -> CONNECTION_LOST;
                case "Inactive" -> INACTIVE;
                default -> UNKNOWN;
            };
        }
    }

    /** Whether Session Manager can start a session now. */
    public boolean online() {
        return ping == Ping.ONLINE;
    }

    /** One line for people: "Online · agent 3.3.987.0 · Ubuntu". */
    public String summary() {
        StringBuilder s = new StringBuilder(ping.label());
        if (agentVersion != null && !agentVersion.isBlank()) {
            s.append(" · agent ").append(agentVersion);
        }
        if (platformName != null && !platformName.isBlank()) {
            s.append(" · ").append(platformName);
        }
        return s.toString();
    }
}
