package dev.gangway.shell;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import dev.gangway.common.Notifier;
import dev.gangway.inventory.FetchFailure;
import dev.gangway.inventory.InventoryResult;
import dev.gangway.inventory.ui.InstanceRow;
import dev.gangway.inventory.ui.InstanceRows;

/**
 * What a listing comes to in words: the status bar's summary ("5 of 15 instances in 3 regions · 1
 * failed"), the places that could not be listed, and the notification that says so (once for the
 * same failures: errors stay until closed).
 */
final class ListingSummary {

    private final InstanceRows rows;
    private final Notifier notifier;
    private final ObservableList<FetchFailure> failures = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private long regionCount;

    ListingSummary(InstanceRows rows, Notifier notifier) {
        this.rows = rows;
        this.notifier = notifier;
        rows.visible().addListener((ListChangeListener<InstanceRow>) c -> update());
        failures.addListener((ListChangeListener<FetchFailure>) c -> update());
    }

    /** A listing came back (its rows already shown): its regions and failures, said. */
    void listed(InventoryResult result) {
        regionCount = result.instances().stream().map(i -> i.profile() + "/" + i.region()).distinct().count();
        // Said once: the same failures listed again stay in the status bar, not in another notification.
        boolean sameAsBefore = result.failures().equals(failures);
        failures.setAll(result.failures());
        if (!result.failures().isEmpty() && !sameAsBefore) {
            FetchFailure first = result.failures().get(0);
            notifier.error(result.failures().size() == 1 ? "Could not list " + first.where()
                            : result.failures().size() + " places could not be listed",
                    first.message() + (result.failures().size() > 1 ? "\n(+" + (result.failures().size() - 1) + " more)" : ""));
        }
        update();
    }

    /** Nothing was listed, and {@code why}. */
    void nothing(String why) {
        regionCount = 0;
        failures.clear();
        summary.set(why);
    }

    ObservableList<FetchFailure> failures() {
        return failures;
    }

    ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    private void update() {
        int total = rows.all().size();
        int shown = rows.visible().size();
        long regions = regionCount;
        StringBuilder s = new StringBuilder();
        s.append(total == shown ? total + (total == 1 ? " instance" : " instances")
                : shown + " of " + total + " instances");
        s.append(" in ").append(regions).append(regions == 1 ? " region" : " regions");
        if (!failures.isEmpty()) {
            s.append(" · ").append(failures.size()).append(" failed");
        }
        summary.set(s.toString());
    }
}
