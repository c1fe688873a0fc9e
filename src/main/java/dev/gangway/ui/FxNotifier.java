package dev.gangway.ui;

import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;

/** ControlsFX notifications in the corner of the main window. */
public final class FxNotifier implements Notifier {

    private final Window owner;

    public FxNotifier(Window owner) {
        this.owner = owner;
    }

    @Override
    public void error(String title, String message) {
        notification(title, message).hideAfter(Duration.seconds(12)).showError();
    }

    @Override
    public void info(String title, String message) {
        notification(title, message).hideAfter(Duration.seconds(5)).showInformation();
    }

    private Notifications notification(String title, String message) {
        return Notifications.create().owner(owner).title(title).text(message).position(Pos.BOTTOM_RIGHT);
    }
}
