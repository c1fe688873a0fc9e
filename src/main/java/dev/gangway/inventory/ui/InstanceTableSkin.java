package dev.gangway.inventory.ui;

import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The instance table's skin: the stock one, except that a row already on screen is not put through
 * a full CSS pass each time it shows another instance.
 *
 * <p>Every filter keystroke changes which instance each visible row shows. The stock
 * {@link VirtualFlow} then calls {@code applyCss()} on every such row, which recomputes every
 * styleable property of the row, its cells and their text (~20 ms for a window of rows, most of a
 * keystroke's time with 10,000 instances). A row's style depends on its pseudo-classes (odd, selected,
 * empty...), not on the text it shows, and any pseudo-class change already marks it for the scene's
 * normal CSS pass in the same pulse. So only a row's first index goes through the stock path (which
 * styles and measures new rows); later ones just update the index. Rows have a fixed height here
 * ({@link TableView#setFixedCellSize}), so no measurement depends on the skipped pass.
 */
public final class InstanceTableSkin<S> extends TableViewSkin<S> {

    private static final Object STYLED = new Object();

    public InstanceTableSkin(TableView<S> table) {
        super(table);
    }

    @Override
    protected VirtualFlow<TableRow<S>> createVirtualFlow() {
        return new RowFlow<>();
    }

    private static final class RowFlow<T extends IndexedCell<?>> extends VirtualFlow<T> {
        @Override
        protected void setCellIndex(T cell, int index) {
            if (cell.getProperties().containsKey(STYLED)) {
                cell.updateIndex(index);
            } else {
                super.setCellIndex(cell, index);
                cell.getProperties().put(STYLED, Boolean.TRUE);
            }
        }
    }
}
