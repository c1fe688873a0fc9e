package dev.gangway.inventory;

import java.util.List;

import dev.gangway.instance.Instance;

/** What one refresh found: every instance that could be listed, and every place that failed. */
public record InventoryResult(List<Instance> instances, List<FetchFailure> failures) {

    public InventoryResult {
        instances = List.copyOf(instances);
        failures = List.copyOf(failures);
    }
}
