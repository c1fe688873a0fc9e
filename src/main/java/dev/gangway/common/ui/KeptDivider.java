package dev.gangway.common.ui;

import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * A split pane's divider that keeps its proportion: the one it was given, or where the user last
 * dragged it. A pane's minimum width pushes the divider aside while the window is small; once the
 * window is large again the divider comes back (issue 26: the table stayed three columns wide).
 */
public final class KeptDivider {

    private double wanted;

    private KeptDivider(double position) {
        this.wanted = position;
    }

    /** Puts {@code split}'s first divider at {@code position} (0..1) and keeps it there as the pane resizes. */
    public static void keep(SplitPane split, double position) {
        KeptDivider kept = new KeptDivider(position);
        split.setDividerPositions(position);
        split.widthProperty().addListener((obs, old, width) -> split.setDividerPositions(kept.wanted));
        // Where the user drops the divider is the new proportion.
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getTarget() instanceof Node n && Nodes.within(n, "split-pane-divider")
                    && !split.getDividers().isEmpty()) {
                kept.wanted = split.getDividers().get(0).getPosition();
            }
        });
    }
}
