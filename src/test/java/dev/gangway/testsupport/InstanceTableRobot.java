package dev.gangway.testsupport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.inventory.ui.InstanceRow;
import dev.gangway.shell.MainViewModel;

/** What the window tests do with the instance table: wait for the listing, find a row's cell by its text. */
public final class InstanceTableRobot {

    /** The curated sandbox: 12 named instances and 2 with no Name tag, in 3 regions. */
    static final int SANDBOX_INSTANCES = 15;

    private InstanceTableRobot() {
    }

    /** Waits until the first refresh is done and the table shows the sandbox's {@value #SANDBOX_INSTANCES} instances. */
    public static void awaitListed(FxRobot robot, MainViewModel model) throws Exception {
        TableView<InstanceRow> table = robot.lookup("#instances").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.read(() -> model.refreshesCompletedProperty().get() >= 1
                && !model.refreshingProperty().get() && table.getItems().size() == SANDBOX_INSTANCES));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The instance table's cell showing {@code text} (an instance's name, say). */
    public static Node cellWithText(FxRobot robot, String text) throws Exception {
        AtomicReference<Node> found = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            robot.lookup("#instances").lookup(".table-cell")
                    .match((Node n) -> n instanceof TableCell<?, ?> c && text.equals(c.getText()))
                    .tryQuery().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }
}
