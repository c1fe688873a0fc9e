package dev.gangway.common.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import dev.gangway.common.Notifier;

/** ControlsFX notifications in the corner of the main window, wrapped to a readable width. */
public final class FxNotifier implements Notifier {

    private static final double WIDTH = 420;

    private final Window owner;

    public FxNotifier(Window owner) {
        this.owner = owner;
    }

    @Override
    public void error(String title, String message) {
        // An error stays until the user closes it: read at the user's pace, not gone with the others.
        show(title, message, "✖", "notification-error", Duration.INDEFINITE);
    }

    @Override
    public void info(String title, String message) {
        show(title, message, "ℹ", "notification-info", Duration.seconds(5));
    }

    private void show(String title, String message, String icon, String style, Duration hideAfter) {
        // ControlsFX lays the text out on one line; a wrapped label as the graphic keeps a long
        // message inside the window instead of running off the screen.
        Label symbol = new Label(icon);
        symbol.getStyleClass().addAll("notification-icon", style);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setPrefWidth(WIDTH);
        text.setMaxWidth(WIDTH);
        HBox content = new HBox(10, symbol, text);
        content.setAlignment(Pos.TOP_LEFT);
        Notifications.create().owner(owner).title(title).graphic(content).position(Pos.BOTTOM_RIGHT)
                .hideAfter(hideAfter).show();
    }
}
