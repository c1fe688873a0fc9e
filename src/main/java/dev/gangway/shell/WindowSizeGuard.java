package dev.gangway.shell;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Keeps a newly shown window at the size it was shown with while the window manager settles it.
 * <p>
 * JavaFX 21 on some X11 window managers (Openbox: LXQt, Lubuntu) takes the window manager's first
 * configure event for the new window, sent while the window still has GTK's default 200×200, as the
 * window's size: the window opens as a 200×200 box and stays so (later JavaFX releases, 25 checked,
 * open it at its size, but need a newer Java than Gangway's 17). For the first two seconds after it
 * opens, a window that shrinks to less than half its size in both directions, which no user's drag
 * does that fast, gets its size back. On window managers without the problem (Metacity, Xfwm,
 * Windows, macOS) it does nothing.
 */
final class WindowSizeGuard {

    /** How long after showing a shrink is taken for the window manager's, not the user's. */
    static final Duration SETTLING = Duration.seconds(2);
    /** Glass and Openbox can trade configure events a few times before the size holds. */
    private static final int MAX_RESTORES = 8;

    private WindowSizeGuard() {
    }

    /** Call right after {@code stage.show()}, on the FX thread. */
    static void keepShownSize(Stage stage) {
        double width = stage.getWidth();
        double height = stage.getHeight();
        if (!(width > 0 && height > 0) || stage.isMaximized() || stage.isFullScreen()) {
            return;
        }
        int[] restores = {0};
        boolean[] pending = {false};
        ChangeListener<Number> guard = (obs, old, now) -> {
            if (pending[0] || restores[0] >= MAX_RESTORES || stage.isMaximized() || stage.isIconified()
                    || stage.getWidth() >= width / 2 || stage.getHeight() >= height / 2) {
                return;
            }
            pending[0] = true;
            restores[0]++;
            // After the configure event that shrank it has been handled in full (width and height).
            Platform.runLater(() -> {
                pending[0] = false;
                stage.setWidth(width);
                stage.setHeight(height);
            });
        };
        stage.widthProperty().addListener(guard);
        stage.heightProperty().addListener(guard);
        PauseTransition settled = new PauseTransition(SETTLING);
        settled.setOnFinished(e -> {
            stage.widthProperty().removeListener(guard);
            stage.heightProperty().removeListener(guard);
        });
        settled.play();
    }
}
