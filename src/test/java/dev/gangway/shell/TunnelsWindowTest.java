package dev.gangway.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.boot.CloudConnection;
import dev.gangway.forward.Tunnels;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.settings.Settings;
import dev.gangway.ssm.PortForward;
import dev.gangway.testsupport.Fx;
import dev.gangway.testsupport.InstanceTableRobot;
import dev.gangway.testsupport.WindowFixture;

/** "Forward a port…" from the context menu to the Tunnels view, its figures moving, and Stop. */
@ExtendWith(ApplicationExtension.class)
class TunnelsWindowTest {

    @TempDir
    static Path home;
    static CloudConnection cloud;

    WindowFixture window;
    MainViewModel model;

    @BeforeAll
    static void startSandbox() throws Exception {
        cloud = CloudConnection.sandbox(SandboxOptions.defaults(home.resolve("sandbox")));
    }

    @AfterAll
    static void stopSandbox() {
        cloud.close();
    }

    @Start
    void start(Stage stage) {
        window = WindowFixture.open(stage, cloud, home.resolve("config"));
        model = window.model;
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void aForwardOpensInTheTunnelsViewShowsItsBytesAndStops(FxRobot robot) throws Exception {
        InstanceTableRobot.awaitListed(robot, model);
        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "web-1"));
        robot.clickOn("#forward-item");
        // A bad port keeps the dialog open and says why.
        robot.clickOn("#forward-remote-port").write("99999");
        robot.clickOn("#forward-ok");
        Label problem = robot.lookup("#forward-problem").queryAs(Label.class);
        assertThat(Fx.read(problem::getText)).isEqualTo("The remote port is a number from 1 to 65535.");
        robot.doubleClickOn("#forward-remote-port").write("22");
        robot.clickOn("#forward-ok");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#tunnels").tryQuery().isPresent()
                || !window.notifier.messages().isEmpty());
        assertThat(window.notifier.messages()).isEmpty();
        TableView<Tunnels.Open> tunnels = robot.lookup("#tunnels").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Fx.read(() -> tunnels.getItems().size()) == 1);
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertThat(Fx.read(() -> tabs.getSelectionModel().getSelectedItem().getText())).isEqualTo("Tunnels");
        Tunnels.Open open = Fx.read(() -> tunnels.getItems().get(0));
        assertThat(open.instance().name()).isEqualTo("web-1");
        assertThat(open.forward().destination()).isEqualTo("localhost:22");
        assertThat(open.localAddress()).startsWith("127.0.0.1:");

        // A connection through it: web-1's SSH server greets, and the view counts the bytes.
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), open.forward().port())) {
            InputStream in = s.getInputStream();
            assertThat(new String(in.readNBytes(8), StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0-");
            // What the view shows, read on the FX thread (its cells are rebuilt every second).
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.read(() -> shown(tunnels).stream()
                    .anyMatch(t -> t.endsWith(" B") && !"0 B".equals(t))));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.read(() -> shown(tunnels).contains("1")));
        }

        String session = ((PortForward) open.forward()).sessionId();
        robot.clickOn("#stop-" + open.forward().port());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.read(() -> tunnels.getItems().isEmpty()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> cloud.sandboxCloud().world().ssmSession(session).isEmpty());
        assertThat(model.connections().tunnels().all()).isEmpty();
    }

    /**
     * Through the Instance Connect Endpoint in db-debian's subnet (it has only a private address):
     * the dialog gives no remote host for that route, the view names the route, counts the bytes,
     * and Stop ends it.
     */
    @Test
    void aForwardThroughTheEndpointIsListedWithItsRouteAndStops(FxRobot robot) throws Exception {
        InstanceTableRobot.awaitListed(robot, model);
        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "db-debian"));
        robot.clickOn("#forward-item");
        TextField host = robot.lookup("#forward-host").queryAs(TextField.class);
        assertThat(Fx.read(host::isDisabled)).isFalse();
        robot.clickOn("#forward-via-eice");
        assertThat(Fx.read(host::isDisabled)).isTrue();
        robot.clickOn("#forward-remote-port").write("22");
        robot.clickOn("#forward-ok");
        TableView<Tunnels.Open> tunnels = awaitTunnels(robot, 1);
        Tunnels.Open open = Fx.read(() -> tunnels.getItems().get(0));
        assertThat(open.route()).isEqualTo("Instance Connect Endpoint");
        assertThat(open.forward().destination()).isEqualTo("172.31.10.40:22");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> Fx.read(() -> shown(tunnels).contains("Instance Connect Endpoint")));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), open.forward().port())) {
            assertThat(new String(s.getInputStream().readNBytes(8), StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0-");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.read(() -> shown(tunnels).stream()
                    .anyMatch(t -> t.endsWith(" B") && !"0 B".equals(t))));
        }
        robot.clickOn("#stop-" + open.forward().port());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.read(() -> tunnels.getItems().isEmpty()));
        assertThat(open.forward().isOpen()).isFalse();
    }

    /** A forward saved in the instance's menu reopens in one click, until it is forgotten. */
    @Test
    void aSavedTunnelReopensFromTheInstancesMenu(FxRobot robot) throws Exception {
        InstanceTableRobot.awaitListed(robot, model);
        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "web-1"));
        robot.clickOn("#forward-item");
        robot.clickOn("#forward-remote-port").write("22");
        robot.clickOn("#forward-save");
        robot.clickOn("#forward-ok");
        TableView<Tunnels.Open> tunnels = awaitTunnels(robot, 1);
        String webId = Fx.read(() -> tunnels.getItems().get(0)).instance().id();
        assertThat(model.settings().tunnelPresets(webId)).containsExactly(new Settings.TunnelPreset(null, 22, 0));
        model.connections().tunnels().stopAll();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.read(() -> tunnels.getItems().isEmpty()));

        // Back to the instances (the Tunnels tab took the front when the tunnel opened).
        robot.clickOn("Instances");
        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "web-1"));
        robot.clickOn("#saved-tunnels-menu");
        robot.clickOn(shownNode(robot, "#saved-tunnel-0"));
        awaitTunnels(robot, 1);
        assertThat(Fx.read(() -> tunnels.getItems().get(0)).forward().destination()).isEqualTo("localhost:22");

        robot.clickOn("Instances");
        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "web-1"));
        robot.clickOn("#saved-tunnels-menu");
        // Into the submenu level with its first item, then down (a diagonal path would cross the menu's next item).
        robot.moveTo(shownNode(robot, "#saved-tunnel-0"));
        robot.clickOn(shownNode(robot, "#forget-saved-tunnels"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.settings().tunnelPresets(webId).isEmpty());
        model.connections().tunnels().stopAll();
    }

    /** A tunnel whose session is ended elsewhere leaves the view, and the user is told, not left guessing. */
    @Test
    void aTunnelEndedElsewhereIsSaid(FxRobot robot) throws Exception {
        InstanceTableRobot.awaitListed(robot, model);
        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "web-1"));
        robot.clickOn("#forward-item");
        robot.clickOn("#forward-remote-port").write("22");
        robot.clickOn("#forward-ok");
        TableView<Tunnels.Open> tunnels = awaitTunnels(robot, 1);
        Tunnels.Open open = Fx.read(() -> tunnels.getItems().get(0));
        // An administrator ends the session (the console's Session Manager, or aws ssm terminate-session).
        assertThat(cloud.sandboxCloud().world().terminateSsmSession(((PortForward) open.forward()).sessionId())).isTrue();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.read(() -> tunnels.getItems().isEmpty()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.notifier.messages().isEmpty());
        assertThat(window.notifier.messages()).singleElement().asString().contains("Tunnel to web-1 closed")
                .contains(open.localAddress() + " → localhost:22");
        assertThat(model.connections().tunnels().all()).isEmpty();
    }

    /** The node {@code query} finds in a window on screen (a submenu shown before leaves its old nodes behind). */
    private static Node shownNode(FxRobot robot, String query) {
        return robot.lookup(query).match((Node n) -> n.getScene() != null && n.getScene().getWindow() != null
                && n.getScene().getWindow().isShowing()).query();
    }

    private TableView<Tunnels.Open> awaitTunnels(FxRobot robot, int count) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#tunnels").tryQuery().isPresent()
                || !window.notifier.messages().isEmpty());
        assertThat(window.notifier.messages()).isEmpty();
        TableView<Tunnels.Open> tunnels = robot.lookup("#tunnels").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Fx.read(() -> tunnels.getItems().size()) == count);
        return tunnels;
    }

    /** The texts of the table's cells (on the FX thread). */
    private static List<String> shown(TableView<?> table) {
        return table.lookupAll(".table-cell").stream().filter(n -> n instanceof TableCell<?, ?>)
                .map(n -> ((TableCell<?, ?>) n).getText()).filter(t -> t != null).toList();
    }
}
