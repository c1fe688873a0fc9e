package dev.gangway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.assertj.core.api.SoftAssertions;
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
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Fault;
import dev.gangway.settings.Settings;
import dev.gangway.testsupport.Fx;
import dev.gangway.testsupport.InstanceTableRobot;
import dev.gangway.testsupport.OpenSshServer;
import dev.gangway.testsupport.WindowFixture;

/**
 * The catalogue's cases as a window user meets them: the same sentence {@link BadInputsTest} asserts
 * for the command line, here in the terminal tab's status line (a bad key file set for the instance)
 * or in the notice of a failed listing (AWS answering with a fault), with Reconnect offered, the
 * other rows kept and the user's per-instance setting still there.
 */
@ExtendWith(ApplicationExtension.class)
class BadInputsWindowTest {

    @TempDir
    static Path home;
    static CloudConnection cloud;
    static Path keys;

    WindowFixture window;

    @BeforeAll
    static void start() throws Exception {
        cloud = CloudConnection.sandbox(SandboxOptions.defaults(home.resolve("sandbox")));
        keys = Files.createDirectories(home.resolve("keys"));
        String pem = Files.readString(cloud.sandboxCloud().keyFile());
        Files.writeString(keys.resolve("truncated.pem"), pem.substring(0, pem.length() / 2));
        byte[] noise = new byte[1200];
        new Random(42).nextBytes(noise);
        Files.write(keys.resolve("random.bin"), noise);
        Files.writeString(keys.resolve("empty.pem"), "");
        Files.createDirectories(keys.resolve("a-directory"));
        OpenSshServer.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("ed25519").toString());
        OpenSshServer.run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f",
                keys.resolve("other-rsa").toString());
        OpenSshServer.run("openssl", "dsaparam", "-genkey", "-noout", "-out", keys.resolve("dsa.pem").toString(), "1024");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Start
    void open(Stage stage) {
        window = WindowFixture.open(stage, cloud, home.resolve("config"));
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    @Test
    void aBadKeyFileIsSaidInTheTabAsOnTheCommandLine(FxRobot robot) throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("truncated.pem", BadInputsTest.NOT_A_KEY);
        cases.put("random.bin", BadInputsTest.NOT_A_KEY);
        cases.put("empty.pem", BadInputsTest.NOT_A_KEY);
        cases.put("ed25519.pub", BadInputsTest.NOT_A_KEY);
        cases.put("a-directory", "a-directory is a folder, not a key file.");
        cases.put("dsa.pem", "dsa.pem is a DSA key, which OpenSSH (since 7.0) and EC2 no longer accept. Use the key "
                + "pair's .pem (RSA or ed25519).");
        cases.put("nowhere.pem", "There is no key file at");
        cases.put("other-rsa", "did not accept the key SHA256:");
        InstanceTableRobot.awaitListed(robot, window.model);
        Instance web = window.model.allRows().stream().map(r -> r.instance())
                .filter(i -> "web-1".equals(i.name())).findFirst().orElseThrow();
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String key = keys.resolve(c.getKey()).toString();
            Settings.InstanceLogin login = new Settings.InstanceLogin(null, null, false, key);
            WaitForAsyncUtils.asyncFx(() -> window.model.rememberLogin(web.id(), login)).get(10, TimeUnit.SECONDS);
            // Enter on the selected row: the keyboard's double-click (a double-click right after the
            // last tab closed can land as two single clicks while the table settles).
            robot.clickOn(InstanceTableRobot.cellWithText(robot, "web-1")).push(KeyCode.ENTER);
            Label status = awaitStatus(robot);
            try {
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.read(() -> status.getText().contains(c.getValue())));
            } catch (TimeoutException e) {
                soft.fail(c.getKey() + ": the tab says \"" + Fx.read(status::getText) + "\", not \"" + c.getValue() + "\"");
            }
            Button reconnect = robot.lookup("#terminal-reconnect").queryAs(Button.class);
            soft.assertThat(Fx.read(reconnect::isVisible)).as(c.getKey() + ": Reconnect offered").isTrue();
            soft.assertThat(Fx.read(() -> window.model.settings().login(web.id())))
                    .as(c.getKey() + ": the setting is kept").isEqualTo(login);
            WaitForAsyncUtils.asyncFx(window.view::closeSessions).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.read(() -> tabs.getTabs().size()) == 1);
        }
        soft.assertAll();
    }

    @Test
    void aFailingAwsIsSaidInTheNoticeAsOnTheCommandLineAndTheOtherRegionsStay(FxRobot robot) throws Exception {
        Map<Fault, String> cases = new LinkedHashMap<>();
        cases.put(Fault.AUTH_FAILURE, "AWS refused the credentials of profile 'sandbox' in eu-west-3 (AuthFailure).");
        cases.put(Fault.UNAUTHORIZED, "Profile 'sandbox' is not allowed to list instances in eu-west-3 "
                + "(UnauthorizedOperation). Ask for the ec2:DescribeInstances");
        cases.put(Fault.THROTTLING, "EC2 kept throttling requests for profile 'sandbox' in eu-west-3 even after retries");
        cases.put(Fault.SERVER_ERROR, "EC2 answered with a server error for profile 'sandbox' in eu-west-3");
        cases.put(Fault.GARBLED, "The answer from AWS for profile 'sandbox' in eu-west-3 could not be read");
        @SuppressWarnings("unchecked")
        TableView<?> table = robot.lookup("#instances").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.read(() -> table.getItems().size()) == 15);
        SoftAssertions soft = new SoftAssertions();
        try {
            for (Map.Entry<Fault, String> c : cases.entrySet()) {
                cloud.sandboxCloud().world().setFault("eu-west-3", c.getKey());
                int before = window.notifier.messages().size();
                robot.clickOn(table).push(KeyCode.F5);
                try {
                    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.notifier.messages().size() > before);
                    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.read(() -> table.getItems().size()) == 12);
                } catch (TimeoutException e) {
                    soft.fail(c.getKey() + ": no notice, or the table did not keep the other regions");
                    continue;
                }
                soft.assertThat(window.notifier.messages().get(before)).as(c.getKey().name()).contains(c.getValue());
                soft.assertThat(Fx.read(() -> robot.lookup("#summary").queryAs(Label.class).getText()))
                        .isEqualTo("12 instances in 2 regions · 1 failed");
            }
        } finally {
            cloud.sandboxCloud().world().setFault("eu-west-3", null);
        }
        soft.assertAll();
    }

    private static Label awaitStatus(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#terminal-status").tryQuery().isPresent());
        return robot.lookup("#terminal-status").queryAs(Label.class);
    }
}
