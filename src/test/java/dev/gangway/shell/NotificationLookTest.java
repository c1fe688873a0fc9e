package dev.gangway.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.common.ui.FxNotifier;
import dev.gangway.settings.Settings;
import dev.gangway.testsupport.Fx;

/**
 * A notification is a solid card in the theme's colours with its title wrapped (issue 26: under
 * AtlantaFX the card was transparent, its shadow fell on the text, and a long title ran off the screen).
 */
@ExtendWith(ApplicationExtension.class)
class NotificationLookTest {

    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        MainView.applyTheme(Settings.Theme.LIGHT);
        Scene scene = new Scene(new StackPane(new Label("window")), 900, 600);
        scene.getStylesheets().add(Objects.requireNonNull(MainView.class.getResource("gangway.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aNotificationIsASolidCardWithItsTitleWrapped(FxRobot robot) throws Exception {
        robot.interact(() -> new FxNotifier(stage).info("Starting rhel-batch (i-bdfcf33a00c8a9ca0): it takes a minute "
                + "or so, and Gangway says when it runs", "Gangway waits until it runs, and says so."));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> card() != null);
        Region card = card();
        List<BackgroundFill> fills = Fx.read(() -> card.getBackground().getFills());
        assertThat(fills).isNotEmpty();
        assertThat(fills.get(fills.size() - 1).getFill()).isInstanceOfSatisfying(Color.class,
                c -> assertThat(c.getOpacity()).isEqualTo(1.0));
        Label title = (Label) Fx.read(() -> card.lookup(".title"));
        assertThat(Fx.read(title::isWrapText)).isTrue();
        assertThat(Fx.read(title::getWidth)).isLessThanOrEqualTo(460.0);
    }

    /**
     * An error stays until it is closed while a note goes after its seconds (issue 26: the error
     * of a failed Remote Desktop vanished with the other toasts before it could be read).
     */
    @Test
    void anErrorStaysAfterTheNotesHaveGone(FxRobot robot) throws Exception {
        robot.interact(() -> {
            FxNotifier notifier = new FxNotifier(stage);
            notifier.error("FreeRDP ended for win-app", "It stopped at once (exit status 147).");
            notifier.info("Getting the password", "for win-app");
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> titles().containsAll(
                List.of("FreeRDP ended for win-app", "Getting the password")));
        // The note's five seconds run out; the error is still there when it has gone.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !titles().contains("Getting the password"));
        assertThat(titles()).contains("FreeRDP ended for win-app");
    }

    /** The titles of the notifications on screen. */
    private static List<String> titles() {
        return Fx.read(() -> Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing())
                .flatMap(w -> w.getScene().getRoot().lookupAll(".notification-bar .title").stream())
                .filter(n -> n.isVisible() && n.getOpacity() > 0 && n instanceof Label)
                .map(n -> ((Label) n).getText()).toList());
    }

    private static Region card() {
        return Fx.read(() -> Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing())
                .map(w -> w.getScene().getRoot().lookup(".notification-bar"))
                .filter(Objects::nonNull).map(bar -> bar.lookupAll(".pane").stream()
                        .filter(n -> n != bar && n instanceof Region).findFirst().orElse(null))
                .filter(Objects::nonNull).map(n -> (Region) n).findFirst().orElse(null));
    }
}
