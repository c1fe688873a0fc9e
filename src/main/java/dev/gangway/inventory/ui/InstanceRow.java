package dev.gangway.inventory.ui;

import dev.gangway.instance.Instance;
import dev.gangway.inventory.InstanceFilter;

/** One table row: the instance and its pre-computed search text, so filtering never rebuilds strings. */
public record InstanceRow(Instance instance, String searchText) {

    public static InstanceRow of(Instance instance) {
        return new InstanceRow(instance, InstanceFilter.searchText(instance));
    }

    public String publicAddress() {
        Instance i = instance;
        if (i.publicDns() != null) {
            return i.publicDns();
        }
        return i.publicIp() == null ? "" : i.publicIp();
    }
}
