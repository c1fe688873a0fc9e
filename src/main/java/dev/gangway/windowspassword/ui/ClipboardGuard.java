package dev.gangway.windowspassword.ui;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
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

    /**
     * The marks each desktop's clipboard managers read as "a password: do not keep it in the
     * history", offered beside the text: KDE's Klipper (and GPaste, CopyQ) take
     * {@code x-kde-passwordManagerHint} = {@code secret}; Windows' clipboard history and cloud
     * clipboard take {@code ExcludeClipboardContentFromMonitorProcessing} and
     * {@code CanIncludeInClipboardHistory} / {@code CanUploadToCloudClipboard} = a DWORD 0; macOS'
     * managers take {@code org.nspasteboard.ConcealedType}. JavaFX registers each by its name on
     * Linux and Windows; on macOS it publishes custom formats under a generated {@code dyn.*} type, so
     * there the mark may not reach a manager. Where a manager ignores them, the clearing after
     * {@link #CLEAR_AFTER} is what remains.
     */
    static final Map<DataFormat, Object> SECRET_HINTS = Map.of(
            format("x-kde-passwordManagerHint"), ByteBuffer.wrap("secret".getBytes(StandardCharsets.US_ASCII)),
            format("ExcludeClipboardContentFromMonitorProcessing"), ByteBuffer.wrap(new byte[4]),
            format("CanIncludeInClipboardHistory"), ByteBuffer.wrap(new byte[4]),
            format("CanUploadToCloudClipboard"), ByteBuffer.wrap(new byte[4]),
            format("org.nspasteboard.ConcealedType"), ByteBuffer.wrap(new byte[0]));

    /** The data format of {@code name}: JavaFX allows one object per name in a JVM. */
    private static DataFormat format(String name) {
        DataFormat known = DataFormat.lookupMimeType(name);
        return known != null ? known : new DataFormat(name);
    }

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
        Map<DataFormat, Object> content = new HashMap<>(SECRET_HINTS);
        content.put(DataFormat.PLAIN_TEXT, text);
        Clipboard.getSystemClipboard().setContent(content);
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
