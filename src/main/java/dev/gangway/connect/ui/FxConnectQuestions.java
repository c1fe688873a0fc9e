package dev.gangway.connect.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import dev.gangway.connect.ConnectQuestions;
import dev.gangway.instance.Instance;

/** Answers a connection's questions with dialogs; called from a background thread, waits for the user. */
public final class FxConnectQuestions implements ConnectQuestions {

    private final Supplier<Window> owner;

    public FxConnectQuestions(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public String howToGive(Given what) {
        return "Set it in the instance's Login settings… (its right-click menu), or connect again and answer.";
    }

    @Override
    public Optional<String> loginUser(Instance instance) {
        return onFx(() -> {
            TextInputDialog d = new TextInputDialog("ec2-user");
            d.initOwner(owner.get());
            d.setTitle("Log in as");
            d.setHeaderText("Which user logs in to " + instance.label() + "?");
            // The explanation above, the field right beside its label (the dialog's own layout put
            // "User:" at the end of the explanation, far from the field).
            Label why = new Label("The AMI (" + instance.imageName() + ") does not say. Gangway remembers your "
                    + "answer for this instance.");
            why.setWrapText(true);
            why.setMaxWidth(420);
            Label label = new Label("User");
            label.setId("login-user-label");
            label.setLabelFor(d.getEditor());
            HBox.setHgrow(d.getEditor(), Priority.ALWAYS);
            HBox field = new HBox(8, label, d.getEditor());
            field.setAlignment(Pos.BASELINE_LEFT);
            d.getDialogPane().setContent(new VBox(10, why, field));
            return d.showAndWait().map(String::trim).filter(s -> !s.isEmpty());
        });
    }

    @Override
    public Optional<Path> keyFile(Instance instance, String why) {
        return onFx(() -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(why + " Choose the private key file");
            chooser.setInitialDirectory(Path.of(System.getProperty("user.home")).toFile());
            File f = chooser.showOpenDialog(owner.get());
            return Optional.ofNullable(f).map(File::toPath);
        });
    }

    @Override
    public char[] passphrase(Path file, int attempt) {
        return onFx(() -> {
            Dialog<ButtonType> d = new Dialog<>();
            d.initOwner(owner.get());
            d.setTitle("Passphrase");
            d.setHeaderText((attempt > 0 ? "That passphrase does not open the key. " : "")
                    + "Enter the passphrase of " + file.getFileName() + " (never stored).");
            PasswordField field = new PasswordField();
            d.getDialogPane().setContent(field);
            d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
            Platform.runLater(field::requestFocus);
            boolean ok = d.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
            char[] answer = ok ? field.getText().toCharArray() : null;
            field.clear();
            return answer;
        });
    }

    @Override
    public boolean trustUnknownKey(String host, int port, String keyType, String fingerprint) {
        return onFx(() -> {
            Alert a = new Alert(Alert.AlertType.WARNING);
            a.initOwner(owner.get());
            a.setTitle("Unknown host key");
            a.setHeaderText("Gangway cannot verify the host key of " + (port == 22 ? host : host + " port " + port));
            a.setContentText("Nothing vouches for it: it is not in known_hosts and the instance's console output "
                    + "does not list it.\n\n" + keyType + " key fingerprint:\n" + fingerprint
                    + "\n\nTrust it only if you know this is the right fingerprint. Trusted keys are remembered in "
                    + "known_hosts.");
            ButtonType trust = new ButtonType("Trust and connect", ButtonBar.ButtonData.OK_DONE);
            a.getButtonTypes().setAll(trust, ButtonType.CANCEL);
            return a.showAndWait().filter(b -> b == trust).isPresent();
        });
    }

    private static <T> T onFx(Supplier<T> question) {
        if (Platform.isFxApplicationThread()) {
            return question.get();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(question.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cancelled", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
