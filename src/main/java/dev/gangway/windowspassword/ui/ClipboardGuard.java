package dev.gangway.windowspassword.ui;

import java.time.Duration;
import java.util.Map;

import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;

import dev.gangway.common.SecretClipboard;
import dev.gangway.common.TaskRunner;

/**
 * Puts passwords on the system clipboard for a while: after {@link #CLEAR_AFTER} the clipboard is
 * emptied if it still holds what Gangway put there (anything copied since is left alone). FX thread.
 */
public final class ClipboardGuard implements SecretClipboard {

    public static final Duration CLEAR_AFTER = Duration.ofSeconds(45);

    private final Duration clearAfter;
    private final TaskRunner tasks;
    /** What Gangway last put there, to compare with; the clipboard only takes Strings. */
    private String pending;
    private TaskRunner.Handle timer;

    /** @param tasks runs the clearing on the UI thread once {@code clearAfter} has passed */
    public ClipboardGuard(Duration clearAfter, TaskRunner tasks) {
        this.clearAfter = clearAfter;
        this.tasks = tasks;
    }

    /** Copies {@code secret} and clears it later; the caller keeps (and zeroes) its array. */
    @Override
    public void copySecret(char[] secret) {
        String text = new String(secret);
        Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, text));
        pending = text;
        if (timer != null) {
            timer.cancel();
        }
        timer = tasks.later(clearAfter, this::clearNow);
    }

    /** Copies something that is not a secret (a user name); kept as any copy is. */
    void copy(String text) {
        Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, text));
    }

    /** Empties the clipboard now if it still holds the last secret (also when the window closes). */
    public void clearNow() {
        if (pending == null) {
            return;
        }
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasString() && pending.equals(clipboard.getString())) {
            clipboard.clear();
        }
        pending = null;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
