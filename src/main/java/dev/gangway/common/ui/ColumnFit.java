package dev.gangway.common.ui;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Sizes a table's columns to their content: each as wide as its header and its widest value (within
 * a cap), so "t3.medium" and "Platform" are not cut to "t3.medi…" and "Platfo…" (issue 26). A
 * column the user has resized keeps the width they gave it.
 */
public final class ColumnFit<S> {

    /** Room around a cell's text (its padding) and beside a header's (the sort arrow). */
    static final double CELL_PADDING = 20;
    static final double HEADER_EXTRA = 34;
    /** No column grows wider than this: a long DNS name is cut, with its tooltip. */
    static final double MAX_WIDTH = 320;
    /** How many of the longest values (by characters) are measured per column. */
    private static final int MEASURED = 8;

    private final TableView<S> table;
    private final Supplier<List<S>> rows;
    private final Function<Object, String> display;
    /** The width each column was last given here; one that differs was resized by the user. */
    private final Map<TableColumn<S, ?>, Double> fitted = new HashMap<>();
    /** Extra room for a column's graphic (a coloured dot), by column. */
    private final Map<TableColumn<S, ?>, Double> graphics = new HashMap<>();
    private boolean bold;

    /**
     * @param rows    the rows to size for: all of them, not only those a filter leaves (the columns
     *                then keep their widths while the user types)
     * @param display how a cell's value reads on screen ({@code String.valueOf} for most; a state's
     *                EC2 name, a formatted time)
     */
    public ColumnFit(TableView<S> table, Supplier<List<S>> rows, Function<Object, String> display) {
        this.table = table;
        this.rows = rows;
        this.display = display;
    }

    /** Values are measured in bold: some rows show theirs so (the rules that open the login port). */
    public ColumnFit<S> measuringBold() {
        bold = true;
        return this;
    }

    /** {@code column}'s cells show a graphic {@code width} wide beside their text. */
    public ColumnFit<S> withGraphic(TableColumn<S, ?> column, double width) {
        graphics.put(column, width);
        return this;
    }

    /** Sizes every visible column the user has not resized to its header and values. */
    public void fit() {
        Font cell = font(".table-cell", Font.getDefault());
        Font header = Font.font(cell.getFamily(), FontWeight.BOLD, cell.getSize());
        Font values = bold ? header : cell;
        for (TableColumn<S, ?> column : table.getVisibleLeafColumns()) {
            Double last = fitted.get(column);
            if (last != null && Math.abs(column.getWidth() - last) > 0.5) {
                continue; // the user's width
            }
            double width = Math.max(width(header, headerText(column)) + HEADER_EXTRA,
                    widestValue(column, values) + CELL_PADDING + graphics.getOrDefault(column, 0.0));
            width = Math.ceil(Math.min(MAX_WIDTH, Math.max(column.getMinWidth(), width)));
            column.setPrefWidth(width);
            fitted.put(column, width);
        }
    }

    private double widestValue(TableColumn<S, ?> column, Font font) {
        List<String> longest = rows.get().stream()
                .map(row -> display.apply(column.getCellData(row)))
                .filter(Objects::nonNull).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).limit(MEASURED).toList();
        double widest = 0;
        for (String s : longest) {
            widest = Math.max(widest, width(font, s));
        }
        return widest;
    }

    private static String headerText(TableColumn<?, ?> column) {
        if (column.getGraphic() instanceof Labeled l) {
            return l.getText();
        }
        return column.getText() == null ? "" : column.getText();
    }

    /** The font the table's cells (or headers) are drawn in, once it has some; else {@code fallback}. */
    private Font font(String selector, Font fallback) {
        for (Node n : table.lookupAll(selector)) {
            if (n instanceof Labeled l && l.getFont() != null) {
                return l.getFont();
            }
        }
        return fallback;
    }

    static double width(Font font, String s) {
        Text text = new Text(s);
        text.setFont(font);
        return text.getLayoutBounds().getWidth();
    }
}
