package dev.gangway.sandbox.world;

import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.sshd.common.config.keys.KeyUtils;

import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.world.SandboxWorld.Ami;

/** An instance of the sandbox's world: what EC2 says of it, and what stands behind it (an SSH server, a password). */
public final class Machine {
    public final String id;
    public final String region;
    public final String availabilityZone;
    public final Map<String, String> tags = new LinkedHashMap<>();
    volatile InstanceState state;
    public final String instanceType;
    public final Ami image;
    public final String keyName;
    public final String publicIp;
    public final String publicDns;
    public final String privateIp;
    public final List<String> ipv6;
    public final String vpcId;
    public final String subnetId;
    public final Instant launchTime;
    public final List<String> groupIds;
    /** The Administrator password the sandbox set (Windows only). */
    public final String windowsPassword;
    /** The console output lines with the host-key fingerprints, once an SSH server backs it. */
    volatile List<String> hostKeyConsole = List.of();
    /** Whether a real SSH server on loopback stands behind this instance. */
    public boolean backed;
    /** The ARN of the IAM instance profile attached to it (what its SSM Agent registers with), or null. */
    public volatile String instanceProfile;
    /**
     * The thumbprint its console output prints for its RDP certificate: one made up from its id,
     * unless a Remote Desktop server stands behind its port 3389 (see {@link SandboxWorld#exposeService}).
     */
    private volatile String rdpThumbprint;

    public String rdpThumbprint() {
        return rdpThumbprint != null ? rdpThumbprint
                : Ids.hex("rdp-certificate/" + id).substring(0, 40).toUpperCase(Locale.ROOT);
    }

    /** Its RDP certificate is {@code thumbprint}'s (a test's own server answers for it). */
    public void rdpThumbprint(String thumbprint) {
        rdpThumbprint = thumbprint;
    }
    /** Keys pushed with EC2 Instance Connect: each lets one OS user in until it expires. */
    private final List<PushedKey> pushedKeys = new CopyOnWriteArrayList<>();

    /** A key SendSSHPublicKey pushed, as the instance's sshd sees it. */
    record PushedKey(String osUser, PublicKey key, Instant expires) {
    }

    public void pushKey(String osUser, PublicKey key, Instant expires) {
        pushedKeys.removeIf(k -> !k.expires().isAfter(expires.minusSeconds(3600)));
        pushedKeys.add(new PushedKey(osUser, key, expires));
    }

    /** Whether EC2 Instance Connect pushed {@code key} for {@code osUser} and it has not expired at {@code now}. */
    public boolean acceptsPushedKey(String osUser, PublicKey key, Instant now) {
        return pushedKeys.stream().anyMatch(k -> k.osUser().equals(osUser) && now.isBefore(k.expires())
                && KeyUtils.compareKeys(k.key(), key));
    }

    Machine(String id, String region, String availabilityZone, Map<String, String> tags, InstanceState state,
            String instanceType, Ami image, String keyName, String publicIp, String publicDns, String privateIp,
            List<String> ipv6, String vpcId, String subnetId, Instant launchTime, List<String> groupIds,
            String windowsPassword) {
        this.id = id;
        this.region = region;
        this.availabilityZone = availabilityZone;
        this.tags.putAll(tags);
        this.state = state;
        this.instanceType = instanceType;
        this.image = image;
        this.keyName = keyName;
        this.publicIp = publicIp;
        this.publicDns = publicDns;
        this.privateIp = privateIp;
        this.ipv6 = List.copyOf(ipv6);
        this.vpcId = vpcId;
        this.subnetId = subnetId;
        this.launchTime = launchTime;
        this.groupIds = List.copyOf(groupIds);
        this.windowsPassword = windowsPassword;
    }

    public String id() {
        return id;
    }

    public String name() {
        return tags.getOrDefault("Name", "");
    }

    public String osUser() {
        return image.osUser();
    }

    public boolean windows() {
        return image.windows();
    }

    /** The console output lines with the host-key fingerprints, once an SSH server backs it. */
    public List<String> hostKeyConsole() {
        return hostKeyConsole;
    }

    public InstanceState state() {
        return state;
    }

    public String region() {
        return region;
    }

    public String windowsPassword() {
        return windowsPassword;
    }
}
