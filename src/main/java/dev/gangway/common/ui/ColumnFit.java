package dev.gangway.common.ui;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseEvent;
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
    /** The width a vertical scroll bar takes in a table's rows. */
    private static final double SCROLL_BAR_ROOM = 16;
    /** How many of the longest values (by characters) are measured per column. */
    private static final int MEASURED = 8;

    private final TableView<S> table;
    private final Supplier<List<S>> rows;
    private final Function<Object, String> display;
    /** The columns the user resized (a width changed while a mouse button was down on the table). */
    private final Set<TableColumn<S, ?>> userSized = new HashSet<>();
    private boolean dragging;
    /** Set while this class changes the widths itself. */
    private boolean fitting;
    private int retries;
    /** Extra room for a column's graphic (a coloured dot), by column. */
    private final Map<TableColumn<S, ?>, Double> graphics = new HashMap<>();
    private boolean bold;
    private double headerRoom = HEADER_EXTRA;
    /** The column that takes the width the others leave, and the least it gets; null for none. */
    private TableColumn<S, ?> filler;
    private double fillerMin;
    private double fillerNatural;
    /** A share is queued after a drag (one, however many widths the drag changes). */
    private boolean sharePending;
    /** Each column's width for its content, and the least that shows its whole header. */
    private final Map<TableColumn<S, ?>, Double> natural = new HashMap<>();
    private final Map<TableColumn<S, ?>, Double> floor = new HashMap<>();

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
        // A width that changes while the user drags in the header row (its columns' edges) is theirs.
        table.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> dragging = e.getTarget() instanceof Node n
                && Nodes.within(n, "column-header-background"));
        table.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> dragging = false);
        table.addEventFilter(MouseEvent.MOUSE_EXITED_TARGET, e -> {
            if (!e.isPrimaryButtonDown()) {
                dragging = false;
            }
        });
        table.getColumns().forEach(c -> c.widthProperty().addListener((obs, old, width) -> {
            if (dragging && !fitting) {
                userSized.add(c);
                if (filler != null && c != filler && !sharePending) {
                    sharePending = true;
                    Platform.runLater(() -> {
                        sharePending = false;
                        share();
                    });
                }
            }
        }));
    }

    /** Values are measured in bold: some rows show theirs so (the rules that open the login port). */
    public ColumnFit<S> measuringBold() {
        bold = true;
        return this;
    }

    /** Room beside a header's title: less where the table is not sorted by clicking (no arrow). */
    public ColumnFit<S> withHeaderRoom(double room) {
        headerRoom = room;
        return this;
    }

    /**
     * {@code column} takes the width the others leave, at least {@code min}. When the others' content
     * is wider than that allows, the widest of them give way first, never below their header (their
     * cells are then cut, and carry their whole text as a tooltip): the table gets no horizontal
     * scroll bar while it is wide enough for the headers (issue 26: win-app's rules at 1366 px).
     */
    public ColumnFit<S> fillingWith(TableColumn<S, ?> column, double min) {
        filler = column;
        fillerMin = min;
        table.widthProperty().addListener((obs, old, width) -> share());
        return this;
    }

    /** {@code column}'s cells show a graphic {@code width} wide beside their text. */
    public ColumnFit<S> withGraphic(TableColumn<S, ?> column, double width) {
        graphics.put(column, width);
        return this;
    }

    /** Sizes every visible column the user has not resized to its header and values. */
    public void fit() {
        retries = 0;
        fitNow();
    }

    private void fitNow() {
        // The fonts are the stylesheet's once CSS has been applied to the cells and headers there are.
        table.applyCss();
        Font cell = font(".table-cell", null);
        if (cell == null) {
            // Not laid out yet: its cells, and with them its font, come once it is.
            if (retries++ < 20) {
                Platform.runLater(() -> {
                    table.layout();
                    fitNow();
                });
            }
            return;
        }
        Font header = font(".column-header .label", Font.font(cell.getFamily(), FontWeight.BOLD, cell.getSize()));
        Font values = bold ? Font.font(cell.getFamily(), FontWeight.BOLD, cell.getSize()) : cell;
        for (TableColumn<S, ?> column : table.getVisibleLeafColumns()) {
            if (column.prefWidthProperty().isBound()) {
                continue; // sized by its table
            }
            if (userSized.contains(column)) {
                continue; // the user's width
            }
            double head = Math.ceil(Math.max(column.getMinWidth(), width(header, headerText(column)) + headerRoom));
            double width = Math.max(head,
                    widestValue(column, values) + CELL_PADDING + graphics.getOrDefault(column, 0.0));
            width = Math.ceil(Math.min(Math.max(MAX_WIDTH, head), width));
            floor.put(column, head);
            if (column == filler) {
                fillerNatural = width;
                continue; // the rest of the width
            }
            natural.put(column, width);
            if (filler == null) {
                setWidth(column, width);
            }
        }
        share();
    }

    private void setWidth(TableColumn<S, ?> column, double width) {
        fitting = true;
        try {
            column.setPrefWidth(width);
        } finally {
            fitting = false;
        }
    }

    /**
     * With a filler: the columns at their content's width when it fits beside the filler's least,
     * else the widest ones lowered to one cap (not below their header), and the filler the rest.
     */
    private void share() {
        if (filler == null || natural.isEmpty() || table.getWidth() <= 0) {
            return;
        }
        // Less the room of a vertical scroll bar: the rows' flow keeps it when it weighs whether a
        // horizontal one is needed, shown or not (4 px less than the width still scrolled by 1).
        double available = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - SCROLL_BAR_ROOM;
        double fixed = 0;
        List<TableColumn<S, ?>> flexible = new java.util.ArrayList<>();
        for (TableColumn<S, ?> column : table.getVisibleLeafColumns()) {
            if (column == filler) {
                continue;
            }
            if (userSized.contains(column) || !natural.containsKey(column)) {
                fixed += column.getWidth();
            } else {
                flexible.add(column);
            }
        }
        // The filler's least: its header, and its values up to fillerMin (short ones need less).
        double least = userSized.contains(filler) ? filler.getWidth()
                : Math.max(floor.getOrDefault(filler, 0.0), Math.min(fillerMin, fillerNatural));
        double budget = available - fixed - least;
        double cap = flexible.stream().mapToDouble(natural::get).max().orElse(0);
        if (total(flexible, cap) > budget) {
            // The highest cap that fits: found by halving, to a pixel.
            double low = 0;
            double high = cap;
            while (high - low > 1) {
                double mid = (low + high) / 2;
                if (total(flexible, mid) <= budget) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            cap = Math.floor(low);
        }
        double used = fixed;
        for (TableColumn<S, ?> column : flexible) {
            double width = capped(column, cap);
            setWidth(column, width);
            used += width;
        }
        if (!userSized.contains(filler)) {
            double width = Math.max(least, Math.floor(available - used));
            setWidth(filler, width);
        }
    }

    private double total(List<TableColumn<S, ?>> columns, double cap) {
        return columns.stream().mapToDouble(c -> capped(c, cap)).sum();
    }

    private double capped(TableColumn<S, ?> column, double cap) {
        return Math.max(floor.get(column), Math.min(natural.get(column), cap));
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

    /** The font the table's cells are drawn in, once it has some; else {@code fallback}. */
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
