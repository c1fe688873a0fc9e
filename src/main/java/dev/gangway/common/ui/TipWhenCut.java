package dev.gangway.common.ui;

import java.util.function.Function;

import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * A tooltip with the whole text on a label or cell that shows it cut with an ellipsis, and none
 * while it fits (issue 26: "t3.medi…", "198.51.10…" had no way to be read).
 */
public final class TipWhenCut {

    private TipWhenCut() {
    }

    /** Call after layout (a cell's {@code layoutChildren}): the tooltip follows what is shown. */
    public static void update(Labeled labeled) {
        String whole = labeled.getText();
        boolean cut = whole != null && !whole.isEmpty() && labeled.lookup(".text") instanceof Text shown
                && !whole.equals(shown.getText());
        Tooltip tip = labeled.getTooltip();
        if (cut && (tip == null || !whole.equals(tip.getText()))) {
            labeled.setTooltip(new Tooltip(whole));
        } else if (!cut && tip != null) {
            labeled.setTooltip(null);
        }
    }

    /** A table cell showing {@code display} of its value, with the whole text as a tooltip when it is cut. */
    public static <S, T> TableCell<S, T> cell(Function<T, String> display) {
        return new Cell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : display.apply(item));
            }
        };
    }

    /** A table cell whose tooltip follows what it shows: its whole text while it is cut, none while it fits. */
    public abstract static class Cell<S, T> extends TableCell<S, T> {
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            update(this);
        }
    }
}
