package dev.gangway.common.ui;

import javafx.scene.Node;

/** Questions about where a node sits in the scene graph. */
final class Nodes {

    private Nodes() {
    }

    /** Whether {@code n} or one of its ancestors has the style class {@code styleClass}. */
    static boolean within(Node n, String styleClass) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (at.getStyleClass().contains(styleClass)) {
                return true;
            }
        }
        return false;
    }
}
