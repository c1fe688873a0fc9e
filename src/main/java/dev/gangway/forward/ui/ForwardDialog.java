package dev.gangway.forward.ui;

import java.util.Optional;

import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.Window;

import dev.gangway.instance.Instance;

/**
 * "Forward a port…": the route (Session Manager, or the Instance Connect Endpoint in the instance's
 * VPC), the remote port (on the instance, or on a host it reaches) and the local port.
 */
public final class ForwardDialog {

    /**
     * What the user asked for; {@code remoteHost} null for the instance's own port, {@code localPort}
     * 0 for any; {@code save}: keep it in the instance's menu to reopen in one click;
     * {@code throughEndpoint}: an Instance Connect Endpoint carries it rather than Session Manager.
     */
    public record Request(String remoteHost, int remotePort, int localPort, boolean save, boolean throughEndpoint) {
    }

    /** Whether Session Manager can carry a forward to {@code instance} (its agent is online). */
    public static boolean sessionManagerCan(Instance instance) {
        return instance.sessionManagerOnline();
    }

    /** Whether an Instance Connect Endpoint could carry one (an EC2 instance with a private address). */
    public static boolean endpointCan(Instance instance) {
        return !instance.isManagedNode() && (instance.privateIp() != null || !instance.ipv6Addresses().isEmpty());
    }

    private ForwardDialog() {
    }

    public static Optional<Request> ask(Window owner, Instance instance) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Forward a port");
        d.setHeaderText("Forward a port of " + instance.displayName());
        ToggleGroup route = new ToggleGroup();
        RadioButton ssm = new RadioButton("Session Manager");
        ssm.setId("forward-via-ssm");
        ssm.setToggleGroup(route);
        ssm.setDisable(!sessionManagerCan(instance));
        RadioButton eice = new RadioButton("Instance Connect Endpoint");
        eice.setId("forward-via-eice");
        eice.setToggleGroup(route);
        eice.setDisable(!endpointCan(instance));
        route.selectToggle(sessionManagerCan(instance) ? ssm : eice);
        TextField host = new TextField();
        host.setId("forward-host");
        host.setPromptText("the instance itself");
        TextField remote = new TextField();
        remote.setId("forward-remote-port");
        remote.setPromptText("e.g. 5432");
        TextField local = new TextField();
        local.setId("forward-local-port");
        local.setPromptText("any free port");
        CheckBox save = new CheckBox("Save in " + instance.displayName() + "'s menu (Saved tunnels)");
        save.setId("forward-save");
        Label problem = new Label();
        problem.setId("forward-problem");
        problem.getStyleClass().add("danger");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        Label hint = note("");
        Runnable routeChanged = () -> {
            boolean endpoint = route.getSelectedToggle() == eice;
            host.setDisable(endpoint);
            if (endpoint) {
                host.clear();
            }
            remote.setPromptText(endpoint ? "22 or 3389" : "e.g. 5432");
            hint.setText(endpoint ? "Through the Instance Connect Endpoint in the instance's VPC, to its private "
                    + "address: ports 22 and 3389 of the instance itself."
                    : "Remote host: leave empty for the instance's own port, or give a host it reaches (an RDS "
                            + "endpoint).");
            // The note's lines change: the dialog fits its content again rather than cutting off its buttons.
            Platform.runLater(() -> {
                if (d.getDialogPane().getScene() != null && d.getDialogPane().getScene().getWindow() != null) {
                    d.getDialogPane().getScene().getWindow().sizeToScene();
                }
            });
        };
        route.selectedToggleProperty().addListener((o, was, now) -> routeChanged.run());
        routeChanged.run();
        grid.addRow(0, new Label("Through"), new HBox(14, ssm, eice));
        grid.addRow(1, new Label("Remote host"), host);
        grid.addRow(2, new Label("Remote port"), remote);
        grid.addRow(3, new Label("Local port on 127.0.0.1"), local);
        grid.add(hint, 0, 4, 2, 1);
        grid.add(save, 0, 5, 2, 1);
        grid.add(problem, 0, 6, 2, 1);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("forward-ok");
        // A bad port keeps the dialog open and says why.
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            String why = validate(remote.getText(), local.getText());
            problem.setText(why == null ? "" : why);
            if (why != null) {
                e.consume();
            }
        });
        // Once shown (the dialog puts its own focus first): the port is what is always needed.
        d.setOnShown(e -> Platform.runLater(remote::requestFocus));
        return d.showAndWait().filter(ButtonType.OK::equals).map(b -> new Request(
                host.getText().isBlank() ? null : host.getText().strip(), Integer.parseInt(remote.getText().strip()),
                local.getText().isBlank() ? 0 : Integer.parseInt(local.getText().strip()), save.isSelected(),
                route.getSelectedToggle() == eice));
    }

    /** Why the ports cannot be used, or null when they can. */
    static String validate(String remote, String local) {
        if (!port(remote.strip(), 1)) {
            return "The remote port is a number from 1 to 65535.";
        }
        if (!local.isBlank() && !port(local.strip(), 0)) {
            return "The local port is a number from 1 to 65535 (empty: any free port).";
        }
        return null;
    }

    private static boolean port(String text, int min) {
        try {
            int p = Integer.parseInt(text);
            return p >= min && p <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Label note(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setPrefWidth(380);
        l.setMaxWidth(380);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add("text-muted");
        return l;
    }
}
