package dev.gangway.windowspassword.ui;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import javafx.animation.PauseTransition;
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
import dev.gangway.windowspassword.WindowsPasswordException;
import dev.gangway.windowspassword.WindowsPasswords;

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
    private final Instance instance;
    private final PasswordFetcher access;
    private final ConnectQuestions questions;
    private final ClipboardGuard clipboard;
    private final Duration retryEvery;
    private char[] secret;
    private PauseTransition retry;
    private TaskRunner.Handle running;
    private boolean closed;

    public WindowsPasswordDialog(Window owner, Instance instance, PasswordFetcher access, ConnectQuestions questions,
            ClipboardGuard clipboard, Duration retryEvery) {
        this.instance = instance;
        this.access = access;
        this.questions = questions;
        this.clipboard = clipboard;
        this.retryEvery = retryEvery;
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
            if (secret != null) {
                clipboard.copySecret(secret);
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
        dialog.setOnHidden(e -> close());
    }

    /** Shows the dialog and starts getting the password; returns at once. Remote Desktop: {@code onRemoteDesktop}. */
    public void show(Runnable onRemoteDesktop) {
        dialog.resultProperty().addListener((obs, old, result) -> {
            if (result == REMOTE_DESKTOP) {
                onRemoteDesktop.run();
            }
        });
        dialog.show();
        fetch();
    }

    private void fetch() {
        status.setText("Getting the password from EC2 and decrypting it with key pair "
                + (instance.keyName() == null ? "(none)" : "'" + instance.keyName() + "'") + "…");
        running = access.password(instance, questions, this::shown, this::failed);
    }

    private void shown(WindowsPasswords.Credentials credentials) {
        if (closed) {
            credentials.close();
            return;
        }
        secret = Arrays.copyOf(credentials.password(), credentials.password().length);
        credentials.close();
        user.setText(credentials.user());
        showPassword();
        fields.setVisible(true);
        dialog.getDialogPane().lookupButton(REMOTE_DESKTOP).setDisable(false);
        say("Decrypted here with " + credentials.keyFile().getFileName() + "; not stored anywhere.");
    }

    private void failed(Throwable error) {
        if (closed) {
            return;
        }
        Throwable e = unwrap(error);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof WindowsPasswordException w && w.reason() == WindowsPasswordException.Reason.NOT_READY) {
            say(message + " Gangway asks again every " + retryEvery.toSeconds() + " s while this window is open.");
            retry = new PauseTransition(javafx.util.Duration.millis(retryEvery.toMillis()));
            retry.setOnFinished(x -> fetch());
            retry.play();
        } else {
            say(message);
        }
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
        if (secret == null) {
            password.setText("");
        } else {
            password.setText(reveal.isSelected() ? new String(secret) : "•".repeat(secret.length));
        }
        reveal.setText(reveal.isSelected() ? "Hide" : "Show");
    }

    /** Stops asking and forgets the password. */
    private void close() {
        closed = true;
        if (retry != null) {
            retry.stop();
        }
        if (running != null) {
            running.cancel();
        }
        if (secret != null) {
            Arrays.fill(secret, '\0');
            secret = null;
        }
        password.setText("");
    }

    Dialog<ButtonType> dialog() {
        return dialog;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
