package dev.gangway.inventory;

import java.util.List;

/**
 * Which profiles and regions to list. An empty region list means every region that is enabled
 * for the profile's account (DescribeRegions).
 */
public record InventoryRequest(List<String> profiles, List<String> regions) {

    public InventoryRequest {
        profiles = List.copyOf(profiles);
        regions = List.copyOf(regions);
    }

    public boolean allEnabledRegions() {
        return regions.isEmpty();
    }
}
