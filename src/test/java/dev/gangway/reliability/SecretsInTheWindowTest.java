package dev.gangway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.boot.CloudConnection;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.SandboxKms;
import dev.gangway.settings.Settings;
import dev.gangway.testsupport.Fx;
import dev.gangway.testsupport.InstanceTableRobot;
import dev.gangway.testsupport.Processes;
import dev.gangway.testsupport.SandboxInstances;
import dev.gangway.testsupport.WindowFixture;

/**
 * The window's gestures with known secrets, then a search for them where they must not be (the
 * command line's are {@link SecretsStayPutTest}'s): a key's passphrase typed into the window's
 * passphrase dialog, the Windows password revealed and copied, a KMS-encrypted Session Manager
 * shell (its tokens and data keys), the AWS secret key. None is in any log record Gangway wrote (at
 * FINE, with their exceptions' messages and stack traces), any notice, any text left on screen once
 * the dialogs closed, nor any file of its settings, data or temporary folders.
 */
@ExtendWith(ApplicationExtension.class)
class SecretsInTheWindowTest {

    @TempDir
    static Path home;
    static CloudConnection cloud;
    static final Set<String> TOKENS = ConcurrentHashMap.newKeySet();
    static final List<byte[]> DATA_KEYS = new CopyOnWriteArrayList<>();

    WindowFixture window;

    @BeforeAll
    static void startSandbox() throws Exception {
        cloud = CloudConnection.sandbox(SandboxOptions.defaults(home.resolve("sandbox")));
        SandboxCloud sandbox = cloud.sandboxCloud();
        sandbox.world().whenSsmSessionStarted(s -> TOKENS.add(s.tokenValue()));
        sandbox.world().kms("us-east-1").whenDataKeyIssued(DATA_KEYS::add);
        sandbox.world().encryptSessions(SandboxKms.SESSION_KEY_ALIAS);
    }

    @AfterAll
    static void stopSandbox() {
        cloud.close();
    }

    @Start
    void start(Stage stage) {
        window = WindowFixture.open(stage, cloud, home.resolve("config"));
    }

    @Test
    void noSecretOfAWindowGestureIsLoggedShownOrLeftInAFile(FxRobot robot) throws Exception {
        SandboxCloud sandbox = cloud.sandboxCloud();
        StringBuffer logged = new StringBuffer();
        Handler capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                logged.append(format.format(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger gangway = Logger.getLogger("dev.gangway");
        Level was = gangway.getLevel();
        gangway.setLevel(Level.FINE);
        capture.setLevel(Level.FINE);
        Logger.getLogger("").addHandler(capture);
        List<Path> tmpBefore = SecretsStayPutTest.gangwayTemporaryFiles();
        String passphrase = "pp-" + UUID.randomUUID();
        Path locked = Files.createDirectories(home.resolve("keys")).resolve("locked.pem");
        Files.copy(sandbox.keyFile(), locked);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
        assertThat(Processes.run(new ProcessBuilder("ssh-keygen", "-q", "-p", "-P", "", "-N", passphrase, "-f",
                locked.toString()), Duration.ofSeconds(30)).code()).isZero();
        String password = SandboxInstances.machine(sandbox, "win-app").windowsPassword();
        try {
            InstanceTableRobot.awaitListed(robot, window.model);

            // The Windows password: shown, revealed, copied, the dialog closed.
            robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "win-app"));
            robot.clickOn("Get Windows password…");
            Label value = robot.lookup("#password-value").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.read(() -> !value.getText().isEmpty()));
            robot.clickOn("#password-reveal");
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Fx.read(() -> value.getText().equals(password)));
            robot.clickOn("#password-copy");
            closeDialog(robot);

            // SSH with a key whose passphrase is typed into the window's dialog.
            Instance web = window.model.allRows().stream().map(r -> r.instance())
                    .filter(i -> "web-1".equals(i.name())).findFirst().orElseThrow();
            WaitForAsyncUtils.asyncFx(() -> window.model.rememberLogin(web.id(),
                    new Settings.InstanceLogin(null, null, false, locked.toString()))).get(10, TimeUnit.SECONDS);
            robot.doubleClickOn(InstanceTableRobot.cellWithText(robot, "web-1"));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".password-field").tryQuery().isPresent());
            PasswordField field = robot.lookup(".password-field").queryAs(PasswordField.class);
            robot.clickOn(field).write(passphrase);
            DialogPane asked = (DialogPane) Fx.read(() -> field.getScene().getRoot());
            robot.clickOn((Button) asked.lookupButton(ButtonType.OK));
            Label status = awaitStatus(robot, "ec2-user@");

            // A Session Manager shell, encrypted with a KMS data key, from the Instances tab.
            TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
            WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(0)).get(10, TimeUnit.SECONDS);
            robot.rightClickOn(InstanceTableRobot.cellWithText(robot, "web-1"));
            robot.clickOn("Open Session Manager shell");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.read(() -> tabs.getTabs().size()) == 3);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !DATA_KEYS.isEmpty());
            assertThat(status).isNotNull();

            List<String> screen = Fx.read(() -> Window.getWindows().stream()
                    .flatMap(w -> w.getScene() == null ? Stream.<Node>empty() : w.getScene().getRoot().lookupAll(".label").stream())
                    .filter(n -> n instanceof Labeled).map(n -> ((Labeled) n).getText()).toList());
            WaitForAsyncUtils.asyncFx(window.view::closeSessions).get(10, TimeUnit.SECONDS);
            window.close();

            List<String> secrets = new ArrayList<>(TOKENS);
            assertThat(TOKENS).as("Session Manager tokens issued").isNotEmpty();
            secrets.add(passphrase);
            secrets.add(password);
            secrets.add(sandbox.accessKey().secretAccessKey());
            secrets.addAll(SecretsStayPutTest.dataKeyForms(DATA_KEYS));
            assertThat(logged).as("Gangway's log records").isNotEmpty();
            List<Path> files;
            try (Stream<Path> all = Files.walk(home)) {
                files = new ArrayList<>(all.filter(Files::isRegularFile).filter(f -> !f.equals(locked))
                        .filter(f -> !f.startsWith(home.resolve("sandbox"))).toList());
            }
            assertThat(files).as("the window's settings were saved").anyMatch(f -> f.endsWith("settings.json"));
            List<Path> tmpAfter = SecretsStayPutTest.gangwayTemporaryFiles();
            tmpAfter.removeAll(tmpBefore);
            files.addAll(tmpAfter.stream().filter(Files::isRegularFile).toList());
            for (String s : secrets) {
                assertThat(logged.toString()).as("log records").doesNotContain(s);
                assertThat(String.join("\n", window.notifier.messages())).as("notices").doesNotContain(s);
                assertThat(String.join("\n", screen)).as("text on screen").doesNotContain(s);
                for (Path f : files) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                            .doesNotContain(s);
                }
            }
        } finally {
            Logger.getLogger("").removeHandler(capture);
            gangway.setLevel(was);
        }
    }

    private static Label awaitStatus(FxRobot robot, String prefix) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#terminal-status").tryQuery().isPresent());
        Label status = robot.lookup("#terminal-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.read(() -> status.getText().startsWith(prefix)));
        return status;
    }

    private static void closeDialog(FxRobot robot) throws Exception {
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        Window dialog = pane.getScene().getWindow();
        robot.clickOn((Button) pane.lookupButton(ButtonType.CLOSE));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Fx.read(() -> !dialog.isShowing()));
    }
}
