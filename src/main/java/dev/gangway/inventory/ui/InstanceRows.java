package dev.gangway.inventory.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.gangway.instance.Instance;
import dev.gangway.inventory.InstanceFilter;

/**
 * The rows of the instance table: all of them, kept sorted; those the filter shows; and the user's
 * choice, which survives a refresh and comes back when the filter shows it again.
 */
public final class InstanceRows {

    private final ObservableList<InstanceRow> rows = FXCollections.observableArrayList();
    private final FilteredRows visible = new FilteredRows(rows);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<Instance> selected = new SimpleObjectProperty<>();
    /** The instance the user chose while the filter hides it: selected again once it shows. */
    private final ObjectProperty<Instance> hiddenChoice = new SimpleObjectProperty<>();
    private Comparator<InstanceRow> order;

    public InstanceRows() {
        filterText.addListener((obs, old, text) -> applyFilter(text, InstanceFilter.narrows(text, old)));
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                hiddenChoice.set(null);
            }
        });
    }

    /** Shows {@code instances} instead, in the table's order, the user's choice kept by instance id. */
    public void replace(List<Instance> instances) {
        Instance chosen = choice();
        String keepId = chosen == null ? null : chosen.id();
        List<InstanceRow> next = new ArrayList<>(instances.size());
        instances.forEach(i -> next.add(InstanceRow.of(i)));
        if (order != null) {
            next.sort(order);
        }
        rows.setAll(next);
        if (keepId != null) {
            showChoice(instances.stream().filter(i -> i.id().equals(keepId)).findFirst().orElse(null));
        }
    }

    public void clear() {
        rows.clear();
    }

    /**
     * Orders the rows (the table's sort). The rows are kept sorted here, once, so that a keystroke
     * in the filter only has to scan them, never to sort 10,000 rows again.
     */
    public void sortBy(Comparator<InstanceRow> comparator) {
        order = comparator;
        if (comparator != null) {
            List<InstanceRow> sorted = new ArrayList<>(rows);
            sorted.sort(comparator);
            rows.setAll(sorted);
        }
    }

    private void applyFilter(String text, boolean narrowing) {
        Instance chosen = choice();
        visible.setQuery(text == null || text.isBlank() ? null : InstanceFilter.query(text), narrowing);
        showChoice(chosen);
    }

    /** What the user chose last: the selected instance, or the one the filter is hiding. */
    private Instance choice() {
        return selected.get() != null ? selected.get() : hiddenChoice.get();
    }

    /**
     * Selects the user's choice when it is shown. When the filter hides it, nothing is selected (the
     * detail pane never describes a row that is not in the table, nor a neighbour the user did not
     * pick) and the choice comes back once the filter shows it again.
     */
    private void showChoice(Instance chosen) {
        boolean shown = chosen != null && visible.stream().anyMatch(r -> r.instance() == chosen);
        hiddenChoice.set(shown ? null : chosen);
        selected.set(shown ? chosen : null);
    }

    public ObservableList<InstanceRow> all() {
        return rows;
    }

    public ObservableList<InstanceRow> visible() {
        return visible;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<Instance> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<Instance> hiddenChoiceProperty() {
        return hiddenChoice;
    }
}
