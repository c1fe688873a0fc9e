package dev.gangway.inventory.ui;

import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Circle;

import dev.gangway.common.ui.TipWhenCut;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.ManagedAgent;

/** The instance table's columns: text ones sorted ignoring case, and the state with its coloured dot. */
public final class InstanceColumns {

    private InstanceColumns() {
    }

    public static TableColumn<InstanceRow, String> text(String title, Function<InstanceRow, String> value, double width) {
        TableColumn<InstanceRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(Objects.requireNonNullElse(value.apply(cell.getValue()), "")));
        c.setComparator(Comparator.comparing(s -> s, String.CASE_INSENSITIVE_ORDER));
        c.setCellFactory(col -> TipWhenCut.cell(s -> s));
        c.setPrefWidth(width);
        return c;
    }

    public static TableColumn<InstanceRow, InstanceState> state() {
        TableColumn<InstanceRow, InstanceState> c = new TableColumn<>("State");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().instance().state()));
        c.setCellFactory(col -> new TipWhenCut.Cell<>() {
            private final Circle dot = new Circle(5);

            @Override
            protected void updateItem(InstanceState state, boolean empty) {
                super.updateItem(state, empty);
                if (empty || state == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                String style = "state-" + state.ec2Name();
                if (!dot.getStyleClass().contains(style)) {
                    // Only on change: re-setting style classes makes the cell re-run CSS on every update.
                    dot.getStyleClass().setAll("state-dot", style);
                }
                setGraphic(dot);
                setText(state.ec2Name());
            }
        });
        c.setComparator(InstanceState.LIFECYCLE);
        c.setPrefWidth(110);
        return c;
    }

    /**
     * Whether Session Manager can reach the instance: its agent's ping status with a dot (green when
     * online), a dash when no agent is registered.
     */
    public static TableColumn<InstanceRow, String> sessionManager() {
        TableColumn<InstanceRow, String> c = new TableColumn<>();
        // A short header for a narrow column, its meaning in the tooltip.
        Label header = new Label("SSM");
        header.setTooltip(new Tooltip("Session Manager: whether the node's SSM agent is online (a shell and "
                + "tunnels with no open port and no key)"));
        c.setGraphic(header);
        c.setId("ssm-column");
        c.setCellValueFactory(cell -> {
            ManagedAgent agent = cell.getValue().instance().agent();
            return new ReadOnlyObjectWrapper<>(agent == null ? "" : agent.ping().shortLabel());
        });
        c.setComparator(Comparator.comparing(s -> s, String.CASE_INSENSITIVE_ORDER));
        c.setCellFactory(col -> new TipWhenCut.Cell<>() {
            private final Circle dot = new Circle(5);

            @Override
            protected void updateItem(String ping, boolean empty) {
                super.updateItem(ping, empty);
                if (empty || ping == null || ping.isEmpty()) {
                    setText(empty ? null : "—");
                    setGraphic(null);
                    return;
                }
                String style = "Online".equals(ping) ? "ssm-online" : "ssm-offline";
                if (!dot.getStyleClass().contains(style)) {
                    dot.getStyleClass().setAll("state-dot", style);
                }
                setGraphic(dot);
                setText(ping);
            }
        });
        c.setPrefWidth(95);
        return c;
    }
}
