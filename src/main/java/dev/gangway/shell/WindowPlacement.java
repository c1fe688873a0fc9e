package dev.gangway.shell;

import java.util.List;

import javafx.geometry.Rectangle2D;

import dev.gangway.settings.Settings;

/**
 * Where and how large the main window opens, on the screens there are now: the size and place it
 * was closed at, moved and shrunk as far as needed to be whole on a screen (a monitor that was
 * unplugged, a smaller screen), or else a size that fits the primary screen's work area (a
 * 1366×768 laptop has less than the 1280×780 Gangway asks for, once its panel and the window's
 * title bar are counted). Screen areas are the work areas JavaFX reports (without docks and panels).
 */
record WindowPlacement(double sceneWidth, double sceneHeight, Rectangle2D stageBounds, boolean maximized) {

    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 780;
    /** What the window manager adds around the scene: borders, and a title bar (about 40 px on GNOME). */
    static final double FRAME_WIDTH = 16;
    static final double FRAME_HEIGHT = 48;
    /** Remembered sizes smaller than this are not taken (a window that never got its size). */
    static final double SMALLEST = 200;

    /** {@code stageBounds} null: the window opens at the scene size, centred by JavaFX on the primary screen. */
    static WindowPlacement of(Settings.WindowBounds remembered, Rectangle2D primary, List<Rectangle2D> screens) {
        double sceneWidth = Math.min(DEFAULT_WIDTH, primary.getWidth() - FRAME_WIDTH);
        double sceneHeight = Math.min(DEFAULT_HEIGHT, primary.getHeight() - FRAME_HEIGHT);
        if (remembered == null || remembered.width() <= SMALLEST || remembered.height() <= SMALLEST) {
            return new WindowPlacement(sceneWidth, sceneHeight, null, false);
        }
        Rectangle2D was = new Rectangle2D(remembered.x(), remembered.y(), remembered.width(), remembered.height());
        // The screen that shows most of it; none at all (its monitor is gone): the primary, centred.
        Rectangle2D screen = null;
        double most = 0;
        for (Rectangle2D s : screens) {
            double shown = overlap(was, s);
            if (shown > most) {
                most = shown;
                screen = s;
            }
        }
        Rectangle2D on = screen == null ? primary : screen;
        double width = Math.min(remembered.width(), on.getWidth());
        double height = Math.min(remembered.height(), on.getHeight());
        double x = screen == null ? on.getMinX() + (on.getWidth() - width) / 2
                : clamp(remembered.x(), on.getMinX(), on.getMaxX() - width);
        double y = screen == null ? on.getMinY() + (on.getHeight() - height) / 3
                : clamp(remembered.y(), on.getMinY(), on.getMaxY() - height);
        return new WindowPlacement(sceneWidth, sceneHeight, new Rectangle2D(x, y, width, height), remembered.maximized());
    }

    private static double overlap(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(value, max));
    }
}
