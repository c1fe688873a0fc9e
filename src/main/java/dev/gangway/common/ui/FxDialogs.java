package dev.gangway.common.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Screen;
import javafx.stage.Window;

import dev.gangway.common.Dialogs;

/** {@link Dialogs} as modal JavaFX alerts over the window; call on the FX thread. */
public final class FxDialogs implements Dialogs {

    private final Supplier<Window> owner;

    public FxDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String id, String title, String question, String details, String confirmLabel) {
        return choose(id, title, question, details, confirmLabel) == 0;
    }

    @Override
    public int choose(String id, String title, String question, String details, String... labels) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(owner.get());
        ask.getDialogPane().setId(id);
        ask.setTitle(title);
        ask.setHeaderText(question);
        ask.setContentText(details);
        List<ButtonType> buttons = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            // The first is the default (Enter); the others sit beside it.
            buttons.add(new ButtonType(labels[i], i == 0 ? ButtonBar.ButtonData.OK_DONE : ButtonBar.ButtonData.OTHER));
        }
        ask.getButtonTypes().setAll(buttons);
        ask.getButtonTypes().add(ButtonType.CANCEL);
        ask.setOnShown(e -> centreOn(ask.getDialogPane().getScene().getWindow(), owner.get()));
        return ask.showAndWait().map(buttons::indexOf).orElse(-1);
    }

    /**
     * Puts {@code dialog} over the middle of {@code window}, its title bar on the screen: asked during
     * the window's close request, a window manager left it at the screen's top left (issue 26).
     */
    static void centreOn(Window dialog, Window window) {
        if (window == null || !window.isShowing()) {
            return;
        }
        double x = window.getX() + (window.getWidth() - dialog.getWidth()) / 2;
        double y = window.getY() + (window.getHeight() - dialog.getHeight()) / 2;
        Rectangle2D screen = Screen.getScreensForRectangle(window.getX(), window.getY(), window.getWidth(),
                window.getHeight()).stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
        dialog.setX(Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - dialog.getWidth())));
        dialog.setY(Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - dialog.getHeight())));
    }
}
