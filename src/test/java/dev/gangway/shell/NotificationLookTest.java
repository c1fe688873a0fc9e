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

    private static Region card() {
        return Fx.read(() -> Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing())
                .map(w -> w.getScene().getRoot().lookup(".notification-bar"))
                .filter(Objects::nonNull).map(bar -> bar.lookupAll(".pane").stream()
                        .filter(n -> n != bar && n instanceof Region).findFirst().orElse(null))
                .filter(Objects::nonNull).map(n -> (Region) n).findFirst().orElse(null));
    }
}
