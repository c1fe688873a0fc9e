package dev.gangway.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import dev.gangway.settings.Settings.WindowBounds;

/** Where the main window opens, for the screens a user may have (work areas, without panels). */
class WindowPlacementTest {

    /** A 1920×1080 monitor with a 40-px panel at the bottom. */
    static final Rectangle2D FULL_HD = new Rectangle2D(0, 0, 1920, 1040);
    /** A 1366×768 laptop with a 32-px panel at the top. */
    static final Rectangle2D LAPTOP = new Rectangle2D(0, 32, 1366, 736);
    /** A second monitor to the right of the full-HD one. */
    static final Rectangle2D RIGHT = new Rectangle2D(1920, 0, 2560, 1440);

    @Test
    void aFirstStartAsksForItsSizeWhereItFitsAndLessOnASmallScreen() {
        WindowPlacement big = WindowPlacement.of(null, FULL_HD, List.of(FULL_HD));
        assertThat(big.sceneWidth()).isEqualTo(1280);
        assertThat(big.sceneHeight()).isEqualTo(780);
        assertThat(big.stageBounds()).as("centred by JavaFX").isNull();

        // On the laptop the window, title bar and all, stays above the screen's bottom edge.
        WindowPlacement small = WindowPlacement.of(null, LAPTOP, List.of(LAPTOP));
        assertThat(small.sceneWidth()).isEqualTo(1280);
        assertThat(small.sceneHeight()).isEqualTo(736 - WindowPlacement.FRAME_HEIGHT);
    }

    @Test
    void aRememberedPlaceOnAScreenThatIsStillThereIsKeptExactly() {
        WindowBounds was = new WindowBounds(2100, 120, 1500, 900, false);
        WindowPlacement p = WindowPlacement.of(was, FULL_HD, List.of(FULL_HD, RIGHT));
        assertThat(p.stageBounds()).isEqualTo(new Rectangle2D(2100, 120, 1500, 900));
        assertThat(p.maximized()).isFalse();
    }

    @Test
    void aWindowLeftOnAMonitorThatWasUnpluggedOpensOnThePrimaryScreen() {
        WindowBounds was = new WindowBounds(2100, 120, 1500, 900, true);
        WindowPlacement p = WindowPlacement.of(was, FULL_HD, List.of(FULL_HD));
        assertThat(FULL_HD.contains(p.stageBounds())).as(p.stageBounds() + " on the screen").isTrue();
        assertThat(p.stageBounds().getWidth()).isEqualTo(1500);
        assertThat(p.stageBounds().getHeight()).isEqualTo(900);
        assertThat(p.maximized()).as("maximized again, as it was").isTrue();

        // From the big monitor to the laptop: shrunk to the laptop's work area.
        WindowPlacement onLaptop = WindowPlacement.of(was, LAPTOP, List.of(LAPTOP));
        assertThat(onLaptop.stageBounds()).isEqualTo(new Rectangle2D(0, 32, 1366, 736));
    }

    @Test
    void aWindowHalfOffTheScreenIsMovedBackOntoIt() {
        // Closed hanging over the bottom right corner of the laptop's screen.
        WindowBounds was = new WindowBounds(900, 500, 800, 600, false);
        WindowPlacement p = WindowPlacement.of(was, LAPTOP, List.of(LAPTOP));
        assertThat(p.stageBounds()).isEqualTo(new Rectangle2D(1366 - 800, 768 - 600, 800, 600));
    }

    @Test
    void aRememberedSizeTooSmallToBeRealIsNotTaken() {
        WindowPlacement p = WindowPlacement.of(new WindowBounds(10, 10, 200, 200, false), FULL_HD, List.of(FULL_HD));
        assertThat(p.stageBounds()).isNull();
        assertThat(p.sceneWidth()).isEqualTo(1280);
    }
}
