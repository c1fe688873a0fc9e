package dev.gangway.instance;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gangway.common.Printable;

/**
 * An EC2 instance as Gangway shows and connects to it: where it is, how it is reached, what its
 * security groups let in, and its SSM agent ({@code agent}, null when none is registered). A node
 * Systems Manager manages outside EC2 (a hybrid activation, id {@code mi-...}) is one too, with
 * Session Manager as its only way in. Plain data; no SDK type leaks out of {@code cloud}.
 */
public record Instance(
        String profile,
        String region,
        String availabilityZone,
        String id,
        String name,
        Map<String, String> tags,
        InstanceState state,
        String instanceType,
        GuestOs platform,
        String platformDetails,
        String imageId,
        String imageName,
        String keyName,
        String publicIp,
        String publicDns,
        String privateIp,
        List<String> ipv6Addresses,
        String vpcId,
        String subnetId,
        Instant launchTime,
        List<SecurityGroup> securityGroups,
        ManagedAgent agent) {

    public static final int DEFAULT_SSH_PORT = 22;
    public static final int DEFAULT_RDP_PORT = 3389;
    public static final String SSH_PORT_TAG = "gangway:ssh-port";
    public static final String RDP_PORT_TAG = "gangway:rdp-port";

    public Instance {
        tags = sortedByKey(tags);
        ipv6Addresses = List.copyOf(ipv6Addresses);
        securityGroups = List.copyOf(securityGroups);
    }

    /** Tags in a stable order (by key, ignoring case): Map.copyOf's order changes from run to run. */
    private static Map<String, String> sortedByKey(Map<String, String> tags) {
        Map<String, String> sorted = new LinkedHashMap<>();
        tags.entrySet().stream()
                .sorted(Map.Entry.<String, String>comparingByKey(String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(Objects.requireNonNull(e.getKey()),
                        Objects.requireNonNull(e.getValue())));
        return Collections.unmodifiableMap(sorted);
    }

    /** This instance with what Systems Manager knows of its agent. */
    public Instance withAgent(ManagedAgent value) {
        return new Instance(profile, region, availabilityZone, id, name, tags, state, instanceType, platform,
                platformDetails, imageId, imageName, keyName, publicIp, publicDns, privateIp, ipv6Addresses, vpcId,
                subnetId, launchTime, securityGroups, value);
    }

    /** A public DNS name, a public IPv4 or an IPv6 address: something outside its VPC can dial. */
    public boolean hasPublicAddress() {
        return publicDns != null && !publicDns.isBlank() || publicIp != null || !ipv6Addresses.isEmpty();
    }

    /** Whether it is a managed node outside EC2 (id {@code mi-...}): no address, no key, Session Manager only. */
    public boolean isManagedNode() {
        return id != null && id.startsWith("mi-");
    }

    /** Whether Session Manager can start a session on it now (its agent pings). */
    public boolean sessionManagerOnline() {
        return agent != null && agent.online();
    }

    /** What Gangway calls it: the Name tag, or the id when it has none (or a blank one). */
    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    /** How messages name it: "web-1 (i-0abc...)", or the id alone when it has no name. */
    public String label() {
        // A Name tag may hold any character: shown with its control characters escaped (Printable).
        return displayName().equals(id) ? id : Printable.of(name) + " (" + id + ")";
    }

    /** The port sshd listens on: the {@code gangway:ssh-port} tag, else 22. */
    public int sshPort() {
        return portFromTag(SSH_PORT_TAG, DEFAULT_SSH_PORT);
    }

    /** The port RDP listens on: the {@code gangway:rdp-port} tag, else 3389. */
    public int rdpPort() {
        return portFromTag(RDP_PORT_TAG, DEFAULT_RDP_PORT);
    }

    /** The port a user connects to: SSH for Linux, RDP for Windows. */
    public int connectPort() {
        return platform == GuestOs.WINDOWS ? rdpPort() : sshPort();
    }

    private int portFromTag(String tag, int fallback) {
        String value = tags.get(tag);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            return port > 0 && port < 65536 ? port : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
