package dev.gangway.terminal.ui;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.ui.TerminalActionPresentation;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import dev.gangway.common.HostOs;

/**
 * JediTermFX's defaults, with Gangway's choices:
 * <ul>
 * <li>a scrollback and a repaint rate chosen for throughput: jeditermfx copies the whole scrollback
 * for every line that scrolls off the screen, so its default 5,000 lines made a text flood run at
 * 3 MB/s; 2,000 lines (xterm keeps 1,024) and 30 repaints a second instead of 50 reach xterm's speed
 * (FloodBenchmark). {@code -Dgangway.scrollback=N} and {@code -Dgangway.fps=N} change them;</li>
 * <li>the terminal's own actions on Ctrl+Shift keys, as in GNOME Terminal and Konsole (Cmd on macOS),
 * so Ctrl+F, Ctrl+L and Ctrl+arrows reach the programs on the server (less, vim, bash, emacs) instead
 * of opening Find or clearing the buffer.</li>
 * </ul>
 */
public final class TerminalSettings extends DefaultSettingsProvider {

    public static final int SCROLLBACK_LINES = Integer.getInteger("gangway.scrollback", 2000);
    public static final int REFRESH_RATE = Integer.getInteger("gangway.fps", 30);

    private static final boolean MAC = HostOs.current() == HostOs.MAC;
    /** The dark theme's page and text (Primer Dark's canvas and default foreground). */
    static final TextStyle DARK = new TextStyle(TerminalColor.rgb(0xe6, 0xed, 0xf3), TerminalColor.rgb(0x0d, 0x11, 0x17));
    /** JediTermFX's own: black on white. */
    static final TextStyle LIGHT = new TextStyle(TerminalColor.BLACK, TerminalColor.WHITE);

    /** Changed on the FX thread, read by the painter there and by the emulator. */
    private volatile boolean dark;

    /** Light text on the dark theme's page when {@code dark}, else black on white. */
    public TerminalSettings(boolean dark) {
        this.dark = dark;
    }

    /** Dark or light from now on (the panel asks for its colours at every paint). */
    void setDark(boolean value) {
        dark = value;
    }

    @Override
    public TextStyle getDefaultStyle() {
        return colours(dark);
    }

    @Override
    public TerminalColor getDefaultForeground() {
        return colours(dark).getForeground();
    }

    @Override
    public TerminalColor getDefaultBackground() {
        return colours(dark).getBackground();
    }

    /** A terminal's default text and page colours, dark or light. */
    static TextStyle colours(boolean dark) {
        return dark ? DARK : LIGHT;
    }

    @Override
    public int maxRefreshRate() {
        return REFRESH_RATE;
    }

    @Override
    public int getBufferMaxLinesCount() {
        return SCROLLBACK_LINES;
    }

    @Override
    public TerminalActionPresentation getFindActionPresentation() {
        return new TerminalActionPresentation("Find", shortcut(KeyCode.F));
    }

    @Override
    public TerminalActionPresentation getClearBufferActionPresentation() {
        return new TerminalActionPresentation("Clear Buffer", shortcut(KeyCode.K));
    }

    @Override
    public TerminalActionPresentation getLineUpActionPresentation() {
        return new TerminalActionPresentation("Line Up", shortcut(KeyCode.UP));
    }

    @Override
    public TerminalActionPresentation getLineDownActionPresentation() {
        return new TerminalActionPresentation("Line Down", shortcut(KeyCode.DOWN));
    }

    /** Cmd+key on macOS, Ctrl+Shift+key elsewhere: keys no terminal program expects. */
    static KeyCombination shortcut(KeyCode key) {
        return MAC ? new KeyCodeCombination(key, KeyCombination.META_DOWN)
                : new KeyCodeCombination(key, KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_DOWN);
    }
}
