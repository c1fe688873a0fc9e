package dev.gangway.rdp.ui;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import dev.gangway.common.ErrorMessages;
import dev.gangway.common.Notifier;
import dev.gangway.common.PrivateFiles;
import dev.gangway.connect.ui.FxConnectQuestions;
import dev.gangway.instance.Instance;
import dev.gangway.rdp.LaunchPlan;
import dev.gangway.rdp.RdpFile;
import dev.gangway.rdp.RemoteDesktopStarter;
import dev.gangway.windowspassword.WindowsPasswords;
import dev.gangway.windowspassword.ui.ClipboardGuard;

/**
 * Remote Desktop from the window: the installed client started with a .rdp file and the password (or
 * the password on the clipboard for clients that take none), what happened said in a notification;
 * without a client, what to install, and the file and the password by hand.
 */
public final class RemoteDesktopStart {

    private final Notifier notifier;
    private final RemoteDesktopStarter starter;
    private final Supplier<Window> owner;
    private final ClipboardGuard clipboard;

    public RemoteDesktopStart(Notifier notifier, RemoteDesktopStarter starter, Supplier<Window> owner,
            ClipboardGuard clipboard) {
        this.notifier = notifier;
        this.starter = starter;
        this.owner = owner;
        this.clipboard = clipboard;
    }

    public void start(Instance instance) {
        String name = instance.displayName();
        notifier.info("Remote Desktop to " + name, "Getting the password and starting the client…");
        starter.remoteDesktop(instance, new FxConnectQuestions(() -> owner.get()), started -> {
            try (WindowsPasswords.Credentials credentials = started.credentials()) {
                started.target().portWarning().ifPresent(w -> notifier.info("Remote Desktop to " + name, w));
                if (started.plan().isEmpty()) {
                    noClient(name, started.rdp(), credentials.password());
                    return;
                }
                LaunchPlan plan = started.plan().get();
                if (plan.password() == LaunchPlan.Handover.CLIPBOARD) {
                    clipboard.copySecret(credentials.password());
                }
                notifier.info(plan.client() + " started for " + name, credentials.user() + " at "
                        + started.rdp().fullAddress() + " (" + started.target().addressKind() + ")."
                        + (plan.note() == null ? "" : " " + plan.note()));
                // A client that gives up at once (no route, port closed, name not resolving) says little itself.
                long startedAt = System.nanoTime();
                started.client().ifPresent(p -> p.onExit().thenAccept(ended -> {
                    if (ended.exitValue() != 0 && System.nanoTime() - startedAt < 30_000_000_000L) {
                        Platform.runLater(() -> notifier.error(plan.client() + " ended for " + name,
                                "It stopped at once (exit status " + ended.exitValue() + "): it could not connect to "
                                        + started.rdp().fullAddress() + ". " + started.target().portWarning()
                                        .orElse("Check that the address is reachable from here.")));
                    }
                }));
            }
        }, error -> notifier.error("Remote Desktop to " + name, ErrorMessages.message(error)));
    }

    /** No client installed: say what to install, and offer the .rdp file and the password by hand. */
    private void noClient(String name, RdpFile rdp, char[] password) {
        char[] kept = Arrays.copyOf(password, password.length);
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner.get());
        a.setTitle("Remote Desktop");
        a.setHeaderText("No Remote Desktop client is installed");
        a.setContentText(starter.installHint() + "\n\nMeanwhile, save the connection file for " + name
                + " and copy the password to open it with another client.");
        ButtonType save = new ButtonType("Save .rdp file…", ButtonBar.ButtonData.LEFT);
        ButtonType copy = new ButtonType("Copy password", ButtonBar.ButtonData.OTHER);
        a.getButtonTypes().setAll(save, copy, ButtonType.CLOSE);
        a.getDialogPane().lookupButton(copy).addEventFilter(ActionEvent.ACTION, e -> {
            clipboard.copySecret(kept);
            e.consume();
        });
        a.getDialogPane().lookupButton(save).addEventFilter(ActionEvent.ACTION, e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".rdp");
            File f = chooser.showSaveDialog(a.getDialogPane().getScene().getWindow());
            if (f != null) {
                try {
                    PrivateFiles.write(f.toPath(), rdp.bytes());
                } catch (IOException x) {
                    notifier.error("Could not save " + f.getName(), String.valueOf(x.getMessage()));
                }
            }
            e.consume();
        });
        a.setOnHidden(e -> Arrays.fill(kept, '\0'));
        a.show();
    }
}
