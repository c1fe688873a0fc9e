package dev.gangway.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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
import dev.gangway.doctor.Way;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.testsupport.Fx;
import dev.gangway.testsupport.InstanceTableRobot;
import dev.gangway.testsupport.WindowFixture;

/**
 * "Connection doctor…" from the context menu: a tab that fills in as the checks finish, names the
 * best way in, and from then on Enter and double-click take that way.
 */
@ExtendWith(ApplicationExtension.class)
class DoctorWindowTest {

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
    void theDoctorNamesTheBestWayAndDoubleClickTakesIt(FxRobot robot) throws Exception {
        InstanceTableRobot.awaitListed(robot, model);
        Instance db = Fx.read(() -> model.allRows().stream().map(r -> r.instance())
                .filter(i -> "db-debian".equals(i.name())).findFirst().orElseThrow());
        // Before: its agent is online and port 22 is closed to this machine, so double-click opens Session Manager.
        assertThat(Fx.read(() -> window.view.defaultActionId(db))).contains(InstanceActions.SSM_ITEM);

        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "db-debian"));
        robot.clickOn("#doctor-item");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#doctor-status").tryQuery().isPresent()
                && Fx.read(() -> robot.lookup("#doctor-status").queryAs(Label.class).getText())
                        .startsWith("Best way in"));
        Label status = robot.lookup("#doctor-status").queryAs(Label.class);
        assertThat(Fx.read(status::getText)).isEqualTo("Best way in: SSH through an Instance Connect Endpoint. "
                + "Enter and double-click now go this way.");
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertThat(Fx.read(() -> tabs.getSelectionModel().getSelectedItem().getText())).isEqualTo("Doctor: db-debian");
        assertThat(robot.lookup(".doctor-check").queryAllAs(Label.class)).extracting(l -> Fx.read(l::getText))
                .contains("A public address", "An endpoint in its VPC", "An SSM Agent online");
        assertThat(robot.lookup(".doctor-fix").queryAllAs(Label.class)).extracting(l -> Fx.read(l::getText))
                .anyMatch(t -> t.startsWith("Fix: Allow your IP"));

        assertThat(model.operations().bestWay(db)).contains(Way.ENDPOINT);
        assertThat(Fx.read(() -> window.view.defaultActionId(db))).contains("ssh-over-eice-item");
    }

    /**
     * "Allow my IP…" on the failed security-group check: the rule is said before it is made, is this
     * machine's address alone, the doctor looks again and finds it, and, no session having used it,
     * it goes when the window closes.
     */
    @Test
    void allowMyIpAddsTheSmallestRuleAndItGoesWithTheWindow(FxRobot robot) throws Exception {
        InstanceTableRobot.awaitListed(robot, model);
        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "api-ubuntu"));
        robot.clickOn("#doctor-item");
        awaitDone(robot);
        // api-ubuntu opens SSH to 127.0.0.1/32 already; db-debian does not: use the rule a fresh group would need.
        robot.clickOn("Instances");
        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "db-debian"));
        robot.clickOn("#doctor-item");
        awaitDone(robot);
        robot.clickOn("#doctor-fix-security-group");
        robot.clickOn("Add for my sessions");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> rulesForMe().size() == 1);
        assertThat(rulesForMe().get(0)).contains("Gangway ");
        // The doctor looked again: the rule is found now.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Fx.read(() -> robot.lookup(".doctor-check")
                .queryAllAs(Label.class).stream().anyMatch(l -> "A security-group rule for your IP".equals(l.getText())))
                && robot.lookup("#doctor-fix-security-group").tryQuery().isEmpty()
                && Fx.read(() -> robot.lookup("#doctor-status").queryAs(Label.class).getText()).startsWith("Best"));
        window.close();
        assertThat(rulesForMe()).isEmpty();
    }

    /**
     * A rule added "for my sessions" stays while the terminal tabs opened with it do, and goes with
     * the last of them; one added with "Add and keep" outlives the window.
     */
    @Test
    void aRuleForMySessionsGoesWithTheirLastTabAndAKeptOneStays(FxRobot robot) throws Exception {
        InstanceTableRobot.awaitListed(robot, model);
        SandboxWorld world = cloud.sandboxCloud().world();
        SandboxWorld.Group admin = world.region("us-east-1").orElseThrow().groups.values().stream()
                .filter(g -> "admin-ssh".equals(g.name)).findFirst().orElseThrow();
        List<SandboxWorld.Permission> was = List.copyOf(admin.inbound());
        world.changeIngress(admin, was, false);
        try {
            Instance api = Fx.read(() -> model.allRows().stream().map(r -> r.instance())
                    .filter(i -> "api-ubuntu".equals(i.name())).findFirst().orElseThrow());
            robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "api-ubuntu"));
            robot.clickOn("#doctor-item");
            awaitDone(robot);
            robot.clickOn("#doctor-fix-security-group");
            robot.clickOn("Add for my sessions");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> rulesForMe("admin-ssh").size() == 1
                    && model.operations().bestWay(api).equals(java.util.Optional.of(Way.DIRECT)));
            TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
            robot.clickOn("Instances");
            robot.doubleClickOn(InstanceTableRobot.cellWithText(robot, "api-ubuntu"));
            robot.clickOn("Instances");
            robot.doubleClickOn(InstanceTableRobot.cellWithText(robot, "api-ubuntu"));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Fx.read(() -> sessionsTo(tabs, api).size() == 2
                    && sessionsTo(tabs, api).stream().allMatch(t -> window.view.terminalOf(t).isConnected())));
            List<Tab> open = Fx.read(() -> sessionsTo(tabs, api));
            Fx.read(() -> tabs.getTabs().remove(open.get(0)));
            assertThat(rulesForMe("admin-ssh")).as("one session still needs it").hasSize(1);
            Fx.read(() -> tabs.getTabs().remove(open.get(1)));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> rulesForMe("admin-ssh").isEmpty());

            robot.clickOn("Instances");
            robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "api-ubuntu"));
            robot.clickOn("#doctor-item");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#doctor-fix-security-group")
                    .tryQuery().isPresent());
            robot.clickOn("#doctor-fix-security-group");
            robot.clickOn("Add and keep");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> rulesForMe("admin-ssh").size() == 1);
            window.close();
            assertThat(rulesForMe("admin-ssh")).as("kept after the window closed").hasSize(1);
        } finally {
            world.changeIngress(admin, List.copyOf(admin.inbound()), false);
            world.changeIngress(admin, was, true);
        }
    }

    private static List<Tab> sessionsTo(TabPane tabs, Instance instance) {
        return tabs.getTabs().stream().filter(t -> ("session-" + instance.id()).equals(t.getId())).toList();
    }

    /**
     * "Start it…" on a stopped instance's doctor: asked first, then Gangway waits until it runs and
     * the doctor looks again at the instance as EC2 now describes it.
     */
    @Test
    void startItWaitsUntilItRunsAndTheDoctorLooksAgain(FxRobot robot) throws Exception {
        InstanceTableRobot.awaitListed(robot, model);
        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "rhel-batch"));
        robot.clickOn("#doctor-item");
        awaitDone(robot);
        robot.clickOn("#doctor-fix-running");
        assertThat(Fx.read(() -> robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class)
                .getContentText())).contains("Gangway waits until it runs");
        robot.clickOn("Start instance");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Fx.read(() -> robot.lookup(".doctor-check")
                .queryAllAs(Label.class).stream().anyMatch(l -> "The instance is running".equals(l.getText())
                        && l.getParent().getChildrenUnmodifiable().stream().anyMatch(n -> n instanceof Label r
                        && "rhel-batch is running.".equals(r.getText())))));
        assertThat(cloud.sandboxCloud().world().machines().stream().filter(m -> "rhel-batch".equals(m.name()))
                .findFirst().orElseThrow().state()).isEqualTo(dev.gangway.instance.InstanceState.RUNNING);
        assertThat(robot.lookup("#doctor-fix-running").tryQuery()).isEmpty();
    }

    /** Stop from the context menu asks first, naming the instance; the menu bar has the same under Instance. */
    @Test
    void stopAsksFirstNamingTheInstance(FxRobot robot) throws Exception {
        InstanceTableRobot.awaitListed(robot, model);
        robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "sydney-web"));
        robot.clickOn("#stop-item");
        assertThat(robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class))
                .satisfies(p -> assertThat(Fx.read(p::getContentText) + Fx.read(p::getHeaderText))
                        .contains("sydney-web (i-").contains("Its sessions and tunnels end"));
        robot.clickOn("Stop instance");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> cloud.sandboxCloud().world().machines().stream()
                .anyMatch(m -> "sydney-web".equals(m.name()) && m.state() != dev.gangway.instance.InstanceState.RUNNING));
        assertThat(Fx.read(() -> robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class).getMenus()
                .stream().map(javafx.scene.control.Menu::getText).toList())).contains("Instance");
    }

    private static void awaitDone(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#doctor-status").tryQuery().isPresent()
                && !Fx.read(() -> robot.lookup("#doctor-status").queryAs(Label.class).getText()).startsWith("Checking"));
    }

    /** db-debian's group's rules for 127.0.0.1/32 (the sandbox's "your IP"), as EC2 holds them. */
    private static List<String> rulesForMe() {
        return rulesForMe("db-internal");
    }

    /** A group's rules for 127.0.0.1/32 (the sandbox's "your IP"), as EC2 holds them. */
    private static List<String> rulesForMe(String group) {
        return cloud.sandboxCloud().world().region("us-east-1").orElseThrow().groups.values().stream()
                .filter(g -> group.equals(g.name)).flatMap(g -> g.inbound().stream())
                .filter(p -> "127.0.0.1/32".equals(p.source())).map(p -> p.source() + " " + p.description()).toList();
    }
}
