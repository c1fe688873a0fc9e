package dev.gangway.allowip;

/**
 * An inbound rule Gangway added to let the user's IP reach one port of an instance: recorded in
 * the data folder until it is removed, so a rule a crash left behind is removed at the next start.
 *
 * @param cidr  the user's address alone: /32 (IPv4) or /128 (IPv6), never a range
 * @param added when it was added (ISO-8601)
 */
public record TemporaryRule(String profile, String region, String groupId, String groupName, int port, String cidr,
                            String description, String instanceId, String instanceName, String added) {

    /** "TCP 22 from 203.0.113.5/32 in sg-0abc (web-tier)". */
    public String describe() {
        return "TCP " + port + " from " + cidr + " in " + groupId + (groupName == null ? "" : " (" + groupName + ")");
    }
}
