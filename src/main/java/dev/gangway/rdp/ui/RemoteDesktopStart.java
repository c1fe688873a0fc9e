package dev.gangway.rdp.ui;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import dev.gangway.common.Notifier;
import dev.gangway.common.PrivateFiles;
import dev.gangway.common.TaskRunner;
import dev.gangway.connect.Tunnel;
import dev.gangway.connect.ui.FxConnectQuestions;
import dev.gangway.instance.Instance;
import dev.gangway.rdp.RdpFile;
import dev.gangway.rdp.RemoteDesktop;
import dev.gangway.rdp.RemoteDesktopHandover;
import dev.gangway.rdp.RemoteDesktopStarter;
import dev.gangway.windowspassword.ui.ClipboardGuard;

/**
 * Remote Desktop from the window: the behaviour is {@link RemoteDesktopHandover}'s; this class gives
 * it the window's questions, clipboard and the dialog for when no client is installed.
 */
public final class RemoteDesktopStart {

    private final Notifier notifier;
    private final RemoteDesktopHandover handover;
    private final Supplier<Window> owner;
    private final ClipboardGuard clipboard;

    public RemoteDesktopStart(Notifier notifier, RemoteDesktopStarter starter, TaskRunner tasks,
            Supplier<Window> owner, ClipboardGuard clipboard) {
        this.notifier = notifier;
        this.owner = owner;
        this.clipboard = clipboard;
        this.handover = new RemoteDesktopHandover(starter, notifier, tasks, clipboard, this::noClient);
    }

    public void start(Instance instance) {
        handover.start(instance, new FxConnectQuestions(owner));
    }

    /** As {@link #start(Instance)}, going as {@code via} says; a Session Manager tunnel is handed to {@code tunnelOpened}. */
    public void start(Instance instance, RemoteDesktop.Via via, Consumer<Tunnel> tunnelOpened) {
        start(instance, via, tunnelOpened, () -> () -> { });
    }

    /** As above; {@code session} hears of a client that starts, and what it returns runs when that client ends. */
    public void start(Instance instance, RemoteDesktop.Via via, Consumer<Tunnel> tunnelOpened,
            Supplier<Runnable> session) {
        handover.start(instance, via, new FxConnectQuestions(owner), tunnelOpened, session);
    }

    /** No client installed: say what to install, and offer the .rdp file and the password by hand. */
    private void noClient(String name, RdpFile rdp, char[] kept, String installHint) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner.get());
        a.setTitle("Remote Desktop");
        a.setHeaderText("No Remote Desktop client is installed");
        a.setContentText(installHint + "\n\nMeanwhile, save the connection file for " + name
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
