package dev.gangway.inventory.ui;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;

/**
 * The rows the filter lets through, in the order of the source rows. Unlike {@code FilteredList},
 * which reports every new filter as one replacement of all its rows (and makes the table recreate
 * all its cells), a new filter here is reported as the exact rows removed and added, and not at
 * all when the result did not change: typing one more character costs the table only the rows
 * that really went.
 */
public final class FilteredRows extends ObservableListBase<InstanceRow> {

    private static final Predicate<String> ALL = s -> true;

    private final ObservableList<InstanceRow> source;
    private Predicate<String> query = ALL;
    /** Source indices of the rows shown, ascending; and the rows themselves, so that what was shown
     *  can still be reported as removed after the source has changed under it. */
    private int[] shown = new int[0];
    private InstanceRow[] items = new InstanceRow[0];

    public FilteredRows(ObservableList<InstanceRow> source) {
        this.source = source;
        source.addListener((ListChangeListener<InstanceRow>) c -> replaceAll());
        replaceAll();
    }

    /** Shows only the rows whose search text the query accepts (null: all rows). */
    public void setQuery(Predicate<String> value) {
        setQuery(value, false);
    }

    /**
     * As {@link #setQuery(Predicate)}; {@code narrowing} promises that the new query accepts no row
     * the current one rejects (one more character typed), so only the rows shown are searched.
     */
    public void setQuery(Predicate<String> value, boolean narrowing) {
        query = value == null ? ALL : value;
        int[] next = matching(narrowing ? shown : null);
        int nextSize = next.length;
        int[] old = shown;
        InstanceRow[] oldItems = items;
        int oldSize = oldItems.length;
        if (nextSize == oldSize && Arrays.equals(old, 0, oldSize, next, 0, nextSize)) {
            return;
        }
        beginChange();
        // Both index lists ascend in source order: merge them, reporting what left and what came.
        int i = 0;
        int j = 0;
        int position = 0;
        while (i < oldSize || j < nextSize) {
            if (j >= nextSize || (i < oldSize && old[i] < next[j])) {
                nextRemove(position, oldItems[i]);
                i++;
            } else if (i >= oldSize || next[j] < old[i]) {
                nextAdd(position, position + 1);
                position++;
                j++;
            } else {
                i++;
                j++;
                position++;
            }
        }
        shown = next;
        items = rowsAt(next);
        endChange();
    }

    /** The source itself changed (a refresh or a new sort order): everything is new. */
    private void replaceAll() {
        List<InstanceRow> removed = List.of(items);
        shown = matching(null);
        items = rowsAt(shown);
        beginChange();
        if (!removed.isEmpty()) {
            nextRemove(0, removed);
        }
        if (items.length > 0) {
            nextAdd(0, items.length);
        }
        endChange();
    }

    /** Source indices of the rows the query accepts, among {@code candidates} (null: all rows). */
    private int[] matching(int[] candidates) {
        int count = candidates == null ? source.size() : candidates.length;
        int[] indices = new int[count];
        int n = 0;
        for (int c = 0; c < count; c++) {
            int k = candidates == null ? c : candidates[c];
            if (query.test(source.get(k).searchText())) {
                indices[n++] = k;
            }
        }
        return Arrays.copyOf(indices, n);
    }

    private InstanceRow[] rowsAt(int[] indices) {
        InstanceRow[] rows = new InstanceRow[indices.length];
        for (int k = 0; k < indices.length; k++) {
            rows[k] = source.get(indices[k]);
        }
        return rows;
    }

    @Override
    public InstanceRow get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }
}
