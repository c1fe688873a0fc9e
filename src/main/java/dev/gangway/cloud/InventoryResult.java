package dev.gangway.cloud;

import java.util.List;

/** What one refresh found: every instance that could be listed, and every place that failed. */
public record InventoryResult(List<Instance> instances, List<FetchFailure> failures) {

    public InventoryResult {
        instances = List.copyOf(instances);
        failures = List.copyOf(failures);
    }
}
