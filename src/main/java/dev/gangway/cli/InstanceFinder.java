package dev.gangway.cli;

import java.io.PrintWriter;
import java.util.List;

import dev.gangway.aws.CloudAccess;
import dev.gangway.common.ShellWords;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.inventory.Ec2Inventory;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.inventory.InventoryResult;

/**
 * The one instance a shell command names, by instance id or Name tag (exact, then ignoring case), in
 * one profile: the given region, else the profile's own region first and then every enabled region.
 */
public final class InstanceFinder {

    private InstanceFinder() {
    }

    /** The instance, or null after saying on {@code err} why there is none (not found, or several by that name). */
    public static Instance find(CloudAccess access, String profile, String region, String ref, boolean sandbox,
            PrintWriter err) {
        try (Ec2Inventory inventory = new Ec2Inventory(access)) {
            List<String> firstRegions = List.of(region != null ? region : access.homeRegion(profile));
            InventoryResult result = inventory.fetch(new InventoryRequest(List.of(profile), firstRegions),
                    InventoryListener.NONE);
            List<Instance> matches = matching(result.instances(), ref);
            if (matches.isEmpty() && region == null) {
                // Not in the profile's own region: look in every enabled region before giving up.
                result = inventory.fetch(new InventoryRequest(List.of(profile), List.of()), InventoryListener.NONE);
                matches = matching(result.instances(), ref);
            }
            if (matches.isEmpty()) {
                result.failures().forEach(f -> err.println("gangway: " + f.message()));
                if (result.failures().isEmpty()) {
                    err.println("gangway: no instance with id or Name '" + ref + "' in profile '" + profile + "'"
                            + (region != null ? " in " + region : " in any enabled region") + ". `"
                            + listCommand(profile, !profile.equals(access.requestedProfile()), region, sandbox)
                            + "` shows what there is.");
                } else {
                    // Not "no such instance": the listing failed, as said above, so it may well exist.
                    err.println("gangway: so '" + ref + "' could not be looked up.");
                }
                return null;
            }
            List<Instance> alive = matches.stream().filter(i -> i.state() != InstanceState.TERMINATED).toList();
            if (!alive.isEmpty()) {
                matches = alive;
            }
            if (matches.size() > 1) {
                StringBuilder s = new StringBuilder("gangway: several instances are named '" + ref
                        + "'; give the instance id instead:");
                matches.forEach(i -> s.append("\n  ").append(i.id()).append("  ").append(i.region()).append("  ")
                        .append(i.state().ec2Name()));
                err.println(s);
                return null;
            }
            return matches.get(0);
        }
    }

    /**
     * The listing of where the lookup looked, as the user would type it: the same cloud, profile and
     * region (issue 27: a bare `gangway list` listed another region, or AWS instead of the sandbox).
     */
    static String listCommand(String profile, boolean profileNamed, String region, boolean sandbox) {
        return "gangway list" + (sandbox ? " --sandbox" : "")
                + (sandbox || !profileNamed ? "" : " --profile " + ShellWords.quote(profile))
                + (region != null ? " --region " + region : " --all-regions");
    }

    private static List<Instance> matching(List<Instance> instances, String ref) {
        List<Instance> byId = instances.stream().filter(i -> i.id().equals(ref)).toList();
        if (!byId.isEmpty()) {
            return byId;
        }
        List<Instance> byName = instances.stream().filter(i -> ref.equals(i.name())).toList();
        if (!byName.isEmpty()) {
            return byName;
        }
        return instances.stream().filter(i -> i.name() != null && i.name().equalsIgnoreCase(ref)).toList();
    }
}
