package dev.gangway.windowspassword.ui;

import java.time.Duration;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.instance.Instance;
import dev.gangway.windowspassword.PasswordFetcher;
import dev.gangway.windowspassword.PasswordViewModel;

/**
 * "Get Windows password": the user and the password, masked until revealed, each with a copy
 * button. While Windows has not made the password yet it says so and asks again every
 * {@code retryEvery} until the dialog is closed. The password lives in a {@code char[]} that is
 * zeroed on close; it becomes a String only while revealed or copied (the clipboard takes nothing else).
 */
public final class WindowsPasswordDialog {

    public static final Duration RETRY_EVERY = Duration.ofSeconds(15);
    static final ButtonType REMOTE_DESKTOP = new ButtonType("Remote Desktop", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final Label status = new Label();
    private final Label user = new Label();
    private final Label password = new Label();
    private final ToggleButton reveal = new ToggleButton("Show");
    private final Button copyUser = new Button("Copy");
    private final Button copyPassword = new Button("Copy");
    private final GridPane fields = new GridPane();
    private final PasswordViewModel model;

    public WindowsPasswordDialog(Window owner, Instance instance, PasswordFetcher access, ConnectQuestions questions,
            ClipboardGuard clipboard, Duration retryEvery, TaskRunner tasks) {
        this.model = new PasswordViewModel(instance, access, questions, tasks, retryEvery, this::render);
        dialog.initOwner(owner);
        dialog.setTitle("Windows password");
        dialog.setHeaderText("Administrator password of " + instance.label());
        status.setId("password-status");
        status.setWrapText(true);
        status.setMaxWidth(460);
        status.setMinHeight(Region.USE_PREF_SIZE);
        user.setId("password-user");
        password.setId("password-value");
        password.setStyle("-fx-font-family: monospace;");
        reveal.setId("password-reveal");
        reveal.setTooltip(new Tooltip("Show or hide the password"));
        reveal.selectedProperty().addListener((obs, was, shown) -> showPassword());
        copyUser.setId("password-copy-user");
        copyUser.setOnAction(e -> clipboard.copy(user.getText()));
        copyPassword.setId("password-copy");
        copyPassword.setTooltip(new Tooltip("Copied passwords are cleared from the clipboard after "
                + ClipboardGuard.CLEAR_AFTER.toSeconds() + " s"));
        copyPassword.setOnAction(e -> {
            if (model.secret() != null) {
                clipboard.copySecret(model.secret());
                say("Password copied; the clipboard is cleared in " + ClipboardGuard.CLEAR_AFTER.toSeconds()
                        + " s if it still holds it.");
            }
        });
        fields.setHgap(8);
        fields.setVgap(8);
        fields.addRow(0, new Label("User"), user, copyUser);
        fields.addRow(1, new Label("Password"), password, reveal, copyPassword);
        fields.setVisible(false);
        fields.managedProperty().bind(fields.visibleProperty());
        VBox content = new VBox(12, fields, status);
        content.setPadding(new Insets(8, 12, 0, 12));
        content.setPrefWidth(480);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(REMOTE_DESKTOP, ButtonType.CLOSE);
        dialog.getDialogPane().lookupButton(REMOTE_DESKTOP).setDisable(true);
        dialog.setResultConverter(b -> b);
        dialog.setOnHidden(e -> {
            model.close();
            password.setText("");
        });
    }

    /** Shows the dialog and starts getting the password; returns at once. Remote Desktop: {@code onRemoteDesktop}. */
    public void show(Runnable onRemoteDesktop) {
        dialog.resultProperty().addListener((obs, old, result) -> {
            if (result == REMOTE_DESKTOP) {
                onRemoteDesktop.run();
            }
        });
        dialog.show();
        model.start();
    }

    /** The view model's state: the status line, and the fields and Remote Desktop once the password is here. */
    private void render(PasswordViewModel.State state) {
        if (state instanceof PasswordViewModel.Ready ready) {
            user.setText(ready.user());
            showPassword();
            fields.setVisible(true);
            dialog.getDialogPane().lookupButton(REMOTE_DESKTOP).setDisable(false);
        }
        say(state.status());
    }

    /** Shows {@code text} under the fields, growing the dialog to fit it. */
    private void say(String text) {
        status.setText(text);
        Window w = dialog.getDialogPane().getScene() == null ? null : dialog.getDialogPane().getScene().getWindow();
        if (w != null) {
            w.sizeToScene();
        }
    }

    private void showPassword() {
        char[] secret = model.secret();
        if (secret == null) {
            password.setText("");
        } else {
            password.setText(reveal.isSelected() ? new String(secret) : "•".repeat(secret.length));
        }
        reveal.setText(reveal.isSelected() ? "Hide" : "Show");
    }

    Dialog<ButtonType> dialog() {
        return dialog;
    }
}
