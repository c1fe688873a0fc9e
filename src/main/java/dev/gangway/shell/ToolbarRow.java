package dev.gangway.shell;

import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.Region;

/**
 * The row under the menu: the selectors' toolbar on the left, the filter field and (on the sandbox)
 * the Sandbox badge on the right. A narrower window narrows the filter first, down to
 * {@link #FILTER_MIN_WIDTH}, and only then does the toolbar move its own items into its overflow
 * menu: the filter and the badge are never hidden (a ToolBar would move the filter out of sight,
 * and Ctrl+F and typing would reach nothing).
 */
final class ToolbarRow extends Region {

    /** About 12 characters of a filter: enough to see what is typed. */
    static final double FILTER_MIN_WIDTH = 180;
    private static final double GAP = 6;
    private static final double END = 8;

    private final ToolBar bar;
    private final Node filter;
    private final Node badge;

    /** {@code badge} may be null (not the sandbox). */
    ToolbarRow(ToolBar bar, Node filter, Node badge) {
        this.bar = bar;
        this.filter = filter;
        this.badge = badge;
        getStyleClass().add("toolbar-row");
        getChildren().addAll(bar, filter);
        if (badge != null) {
            getChildren().add(badge);
        }
    }

    private double badgeWidth() {
        return badge == null ? 0 : GAP + badge.prefWidth(-1);
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + bar.prefWidth(-1) + GAP + filter.prefWidth(-1) + badgeWidth() + END + in.getRight();
    }

    @Override
    protected double computeMinWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + bar.minWidth(-1) + GAP + FILTER_MIN_WIDTH + badgeWidth() + END + in.getRight();
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        double h = Math.max(bar.prefHeight(-1), filter.prefHeight(-1));
        if (badge != null) {
            h = Math.max(h, badge.prefHeight(-1));
        }
        return in.getTop() + h + in.getBottom();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double x = in.getLeft();
        double y = in.getTop();
        double h = getHeight() - in.getTop() - in.getBottom();
        double room = getWidth() - in.getLeft() - in.getRight() - GAP - badgeWidth() - END;
        // The filter takes what the toolbar leaves, between its minimum and its preferred width.
        double filterWidth = Math.max(FILTER_MIN_WIDTH, Math.min(filter.prefWidth(-1), room - bar.prefWidth(-1)));
        double barWidth = Math.max(0, room - filterWidth);
        layoutInArea(bar, x, y, barWidth, h, 0, HPos.LEFT, VPos.CENTER);
        x += barWidth + GAP;
        layoutInArea(filter, x, y, filterWidth, h, 0, Insets.EMPTY, true, false, HPos.LEFT, VPos.CENTER);
        if (badge != null) {
            x += filterWidth + GAP;
            layoutInArea(badge, x, y, badge.prefWidth(-1), h, 0, HPos.LEFT, VPos.CENTER);
        }
    }
}
