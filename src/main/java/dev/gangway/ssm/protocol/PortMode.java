package dev.gangway.ssm.protocol;

/**
 * How a port session carries its connections, chosen by each side alone from the versions, with
 * no message to agree on it: the client and the agent must come to the same answer, so both rules
 * live here, as AWS's plugin and agent make them.
 */
public enum PortMode {
    /** Many connections at once: smux v1 over the channel's Output byte stream. */
    MULTIPLEXED,
    /** One connection at a time; the Output bytes are that connection's own (also AWS-StartSSHSession's stream). */
    BASIC;

    /** The Properties {@code type} of the port-forwarding documents. */
    public static final String LOCAL_PORT_FORWARDING = "LocalPortForwarding";
    /** The first agent with smux; older agents have only the basic mode. */
    static final String FIRST_MUX_AGENT = "3.0.196.0";

    /** The plugin's choice: multiplexed when the document forwards ports and the agent is newer than 3.0.196.0. */
    public static PortMode client(String type, String agentVersion) {
        return LOCAL_PORT_FORWARDING.equals(type) && compare(agentVersion, FIRST_MUX_AGENT) > 0 ? MULTIPLEXED : BASIC;
    }

    /** The agent's choice: multiplexed when the document forwards ports and the client is 1.1.70 or newer (and the agent has smux). */
    public static PortMode agent(String type, String agentVersion, String clientVersion) {
        return LOCAL_PORT_FORWARDING.equals(type) && compare(agentVersion, FIRST_MUX_AGENT) > 0
                && compare(clientVersion, "1.1.70") >= 0 ? MULTIPLEXED : BASIC;
    }

    /** Whether the plugin sends smux keepalives: for agents 3.1.1511.0 and older. */
    public static boolean clientKeepAlive(String agentVersion) {
        return compare(agentVersion, "3.1.1511.0") <= 0;
    }

    /**
     * Whether the agent's smux server keeps its keepalive on (NOPs every 10 s; the session closed
     * after 30 s with nothing received): always before 3.1.1575.0, since then only for clients
     * 1.2.331.0 and older.
     */
    public static boolean agentKeepAlive(String agentVersion, String clientVersion) {
        return compare(agentVersion, "3.1.1575.0") < 0 || compare(clientVersion, "1.2.331.0") <= 0;
    }

    /** Compares dotted versions part by part as numbers ("3.1.1511.0" before "3.1.1575.0"); a missing one is oldest. */
    public static int compare(String a, String b) {
        String[] x = a == null ? new String[0] : a.split("\\.");
        String[] y = b == null ? new String[0] : b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? number(x[i]) : 0;
            long q = i < y.length ? number(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long number(String part) {
        try {
            return Long.parseLong(part.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
