package dev.gangway.settings.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import dev.gangway.connect.Reachability;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.LoginUser;
import dev.gangway.instance.WindowsUser;
import dev.gangway.settings.Settings;

/**
 * "Login settings…" for one instance: user, port, address and key file, each empty for
 * "work it out" (the hint in the field says what that gives). Saved per instance.
 */
public final class LoginSettingsDialog {

    /** The clear-everything button: the dialog then answers with {@link Settings.InstanceLogin#NONE}. */
    static final ButtonType AUTOMATIC = new ButtonType("Reset to automatic", ButtonBar.ButtonData.LEFT);

    private LoginSettingsDialog() {
    }

    /**
     * @param current        what is set now for the instance
     * @param rememberedKey  the key file remembered for its key pair, if any
     * @return the new settings, or empty when cancelled
     */
    public static Optional<Settings.InstanceLogin> ask(Window owner, Instance instance, Settings.InstanceLogin current,
            Optional<String> rememberedKey) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        boolean windows = instance.platform() == GuestOs.WINDOWS;
        d.setTitle("Login settings");
        d.setHeaderText("How Gangway logs in to " + instance.label()
                + ". Leave a field empty and Gangway works it out.");

        TextField user = new TextField(current.user() == null ? "" : current.user());
        user.setId("login-user");
        user.setPromptText(windows ? WindowsUser.forImage(instance.imageName()) + " (from the AMI)"
                : LoginUser.forImage(instance.imageName(), instance.platformDetails())
                        .map(u -> u + " (from the AMI)").orElse("asked when connecting (unknown AMI)"));

        TextField port = new TextField(current.port() == null ? "" : String.valueOf(current.port()));
        port.setId("login-port");
        port.setPromptText(instance.sshPort() + (instance.sshPort() == 22 ? "" : " (from the gangway:ssh-port tag)"));

        ToggleGroup addressGroup = new ToggleGroup();
        RadioButton publicAddress = new RadioButton("Automatic: " + Reachability.publicRoute(instance)
                .map(r -> r.host() + " (" + r.kind() + ")").orElse(instance.sessionManagerOnline()
                        ? "Session Manager (no public address; its agent is online)" : "none (no public address)"));
        publicAddress.setId("login-public");
        // A long DNS name wraps rather than being cut.
        publicAddress.setWrapText(true);
        RadioButton privateAddress = new RadioButton("Private IPv4: "
                + (instance.privateIp() == null ? "none" : instance.privateIp()) + " (over a VPN or from the VPC)");
        privateAddress.setId("login-private");
        privateAddress.setDisable(instance.privateIp() == null && !current.privateAddress());
        publicAddress.setToggleGroup(addressGroup);
        privateAddress.setToggleGroup(addressGroup);
        (current.privateAddress() ? privateAddress : publicAddress).setSelected(true);

        TextField key = new TextField(current.keyFile() == null ? "" : current.keyFile());
        key.setId("login-key");
        key.setPromptText(rememberedKey.orElse(instance.keyName() == null ? "no key pair: choose a file"
                : instance.keyName() + ".pem, found in ~/.ssh or ~/Downloads"));
        HBox.setHgrow(key, Priority.ALWAYS);
        key.setPrefColumnCount(30);
        // The placeholder says where the key is looked for; all of it, where the field is too narrow.
        key.setTooltip(new Tooltip(key.getPromptText()));
        Button browse = new Button("Browse…");
        browse.setId("login-browse");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Private key for " + instance.label());
            File start = Path.of(System.getProperty("user.home"), ".ssh").toFile();
            chooser.setInitialDirectory(start.isDirectory() ? start : new File(System.getProperty("user.home")));
            File f = chooser.showOpenDialog(d.getDialogPane().getScene().getWindow());
            if (f != null) {
                key.setText(f.getAbsolutePath());
            }
        });

        Label problem = new Label();
        problem.setId("login-problem");
        problem.getStyleClass().add(Styles.DANGER);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(10, 12, 0, 12));
        grid.addRow(0, fieldLabel("User"), user);
        // Windows: Remote Desktop's port comes from the gangway:rdp-port tag; this one is SSH's.
        if (!windows) {
            grid.addRow(1, fieldLabel("Port"), port);
        }
        grid.addRow(2, fieldLabel("Address"), new VBox(6, publicAddress, privateAddress));
        grid.addRow(3, fieldLabel("Key file"), new HBox(6, key, browse));
        grid.add(problem, 1, 4);
        GridPane.setHgrow(user, Priority.ALWAYS);
        user.setPrefColumnCount(36);
        d.getDialogPane().setContent(grid);

        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(save, AUTOMATIC, ButtonType.CANCEL);
        problem.textProperty().bind(Bindings.createStringBinding(() -> portProblem(port.getText()), port.textProperty()));
        d.getDialogPane().lookupButton(save).disableProperty().bind(problem.textProperty().isNotEmpty());

        Optional<ButtonType> answer = d.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return Optional.empty();
        }
        if (answer.get() == AUTOMATIC) {
            return Optional.of(Settings.InstanceLogin.NONE);
        }
        String p = port.getText().trim();
        return Optional.of(new Settings.InstanceLogin(user.getText(), p.isEmpty() ? null : Integer.valueOf(p),
                privateAddress.isSelected(), key.getText()));
    }

    private static Label fieldLabel(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** Why {@code text} is not a port, or "" when it is one (or empty). */
    static String portProblem(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return "";
        }
        try {
            int n = Integer.parseInt(t);
            return n >= 1 && n <= 65535 ? "" : "A port is a number from 1 to 65535.";
        } catch (NumberFormatException e) {
            return "A port is a number from 1 to 65535.";
        }
    }
}
