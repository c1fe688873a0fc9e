package dev.gangway.allowip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.IpPermission;

import dev.gangway.aws.AwsErrors;
import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.common.PrivateFiles;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.SecurityGroup;

/**
 * "Allow my IP": the smallest change that lets the user's own address reach an instance's SSH or
 * RDP port, one inbound rule for that address alone (/32 or /128, never a range, never 0.0.0.0/0)
 * in one of its security groups, described "Gangway user time". A temporary rule is written to a
 * journal in the data folder before it is added and struck off once removed, so one a crash left
 * behind is removed at the next start.
 */
public final class AllowMyIp {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CloudAccess access;
    private final Path journal;
    private final Clock clock;

    /** @param journal the file temporary rules are recorded in (0600), in the data folder */
    public AllowMyIp(CloudAccess access, Path journal, Clock clock) {
        this.access = access;
        this.journal = journal;
        this.clock = clock;
    }

    /** The port the user would connect to: RDP's for Windows, SSH's otherwise. */
    public static int portFor(Instance instance) {
        return instance.platform() == GuestOs.WINDOWS ? instance.rdpPort() : instance.sshPort();
    }

    /**
     * The rule that would let {@code myIp} reach {@code port} of {@code instance}, to show before it
     * is made: in the instance's first security group.
     *
     * @throws CloudException when the address is not one address, or the instance has no security group
     */
    public TemporaryRule plan(Instance instance, int port, String myIp) throws CloudException {
        String cidr = single(myIp);
        List<SecurityGroup> groups = instance.securityGroups();
        if (groups.isEmpty()) {
            throw new CloudException(instance.label() + " has no security group to add a rule to.");
        }
        SecurityGroup g = groups.get(0);
        // "Gangway alice 2026-12-06T10:07Z": who and when, in the characters EC2 allows in a description.
        String description = "Gangway " + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_")
                + " " + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC)
                        .format(clock.instant());
        return new TemporaryRule(instance.profile(), instance.region(), g.id(), g.name(), port, cidr, description,
                instance.id(), instance.name(), clock.instant().toString());
    }

    /** {@code address} as a CIDR of itself alone; anything else (a range, 0.0.0.0, a name) is refused. */
    static String single(String address) throws CloudException {
        if (address == null || address.isBlank() || address.contains("/")) {
            throw new CloudException("Your public IP is not known (got '" + address + "'), so no rule is added: check "
                    + "your connection to the internet.");
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(address.strip().replaceAll("^\\[|]$", ""));
        } catch (UnknownHostException e) {
            throw new CloudException("'" + address + "' is not an IP address, so no rule is added.");
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            throw new CloudException("'" + address + "' is not one computer's address, so no rule is added.");
        }
        return a.getHostAddress() + (a.getAddress().length == 4 ? "/32" : "/128");
    }

    /**
     * Adds {@code rule}. A temporary one is recorded first, so that it is removed even if Gangway
     * does not get to remove it; a kept one is not recorded.
     *
     * @return whether a rule was added (false: the same rule was there already, and is left alone)
     */
    public boolean add(TemporaryRule rule, boolean keep) throws CloudException {
        // The same rule added before for a while (by this run, or a crashed one) stays on record.
        boolean recordedBefore = recorded().stream().anyMatch(r -> same(r, rule));
        if (!keep) {
            record(rule, true);
        }
        try {
            access.ec2(rule.profile(), rule.region()).authorizeSecurityGroupIngress(r -> r.groupId(rule.groupId())
                    .ipPermissions(permission(rule, true)));
            return true;
        } catch (SdkException e) {
            if (!keep && !recordedBefore) {
                record(rule, false);
            }
            if (code(e).equals("InvalidPermission.Duplicate")) {
                return false;
            }
            throw new CloudException("Could not add " + rule.describe() + ": " + AwsErrors.describe(e, rule.profile(),
                    rule.region(), AwsErrors.Call.ec2("add a security-group rule", "AuthorizeSecurityGroupIngress")), e);
        }
    }

    /** Strikes {@code rule} off the journal, leaving it in its group: the user chose to keep a temporary rule. */
    public void keep(TemporaryRule rule) throws CloudException {
        record(rule, false);
    }

    /** Whether {@code a} and {@code b} are the same rule: group, port and address (not when or by whom). */
    public static boolean same(TemporaryRule a, TemporaryRule b) {
        return a.groupId().equals(b.groupId()) && a.region().equals(b.region()) && a.profile().equals(b.profile())
                && a.port() == b.port() && a.cidr().equals(b.cidr());
    }

    /** Removes {@code rule} from its group and from the journal (one already gone counts as removed). */
    public void remove(TemporaryRule rule) throws CloudException {
        try {
            access.ec2(rule.profile(), rule.region()).revokeSecurityGroupIngress(r -> r.groupId(rule.groupId())
                    .ipPermissions(permission(rule, false)));
        } catch (SdkException e) {
            String code = code(e);
            if (!code.equals("InvalidPermission.NotFound") && !code.equals("InvalidGroup.NotFound")) {
                throw new CloudException("Could not remove " + rule.describe() + ": " + AwsErrors.describe(e,
                        rule.profile(), rule.region(), AwsErrors.Call.ec2("remove a security-group rule",
                        "RevokeSecurityGroupIngress")) + " Remove it in the EC2 console (rule \"" + rule.description()
                        + "\").", e);
            }
        }
        record(rule, false);
    }

    /** The temporary rules recorded and not yet removed (left by a run that did not end cleanly, or this one's). */
    public List<TemporaryRule> recorded() {
        try {
            return Files.exists(journal) ? JSON.readValue(journal.toFile(), new TypeReference<List<TemporaryRule>>() {
            }) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Removes every recorded rule (a previous run's, left by a crash); those that cannot be removed
     * now stay recorded for the next start.
     *
     * @return the rules removed
     */
    public List<TemporaryRule> cleanUp() {
        List<TemporaryRule> removed = new ArrayList<>();
        for (TemporaryRule r : recorded()) {
            try {
                remove(r);
                removed.add(r);
            } catch (CloudException e) {
                // Stays recorded: tried again at the next start.
            }
        }
        return removed;
    }

    private synchronized void record(TemporaryRule rule, boolean present) throws CloudException {
        List<TemporaryRule> all = new ArrayList<>(recorded());
        all.removeIf(r -> same(r, rule));
        if (present) {
            all.add(rule);
        }
        try {
            PrivateFiles.directory(journal.toAbsolutePath().getParent());
            PrivateFiles.write(journal, JSON.writeValueAsBytes(all));
        } catch (IOException e) {
            throw new CloudException("Could not record the temporary rule in " + journal + " (" + e.getMessage()
                    + "), so it is not added: Gangway could not promise to remove it.", e);
        }
    }

    private static IpPermission permission(TemporaryRule rule, boolean withDescription) {
        boolean v6 = rule.cidr().contains(":");
        return IpPermission.builder().ipProtocol("tcp").fromPort(rule.port()).toPort(rule.port())
                .applyMutation(p -> {
                    if (v6) {
                        p.ipv6Ranges(r -> r.cidrIpv6(rule.cidr()).description(withDescription ? rule.description()
                                : null));
                    } else {
                        p.ipRanges(r -> r.cidrIp(rule.cidr()).description(withDescription ? rule.description() : null));
                    }
                }).build();
    }

    private static String code(SdkException e) {
        return e instanceof AwsServiceException s && s.awsErrorDetails() != null
                ? String.valueOf(s.awsErrorDetails().errorCode()) : "";
    }

    /** The recorded rule for {@code instance}, if this run or an earlier one added one. */
    public Optional<TemporaryRule> recordedFor(Instance instance) {
        return recorded().stream().filter(r -> r.instanceId().equals(instance.id())).findFirst();
    }
}
