package dev.gangway.terminal.ui;

import java.util.Map;

import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.TerminalCopyPasteHandler;
import com.techsenger.jeditermfx.ui.TerminalPanel;
import com.techsenger.jeditermfx.ui.settings.SettingsProvider;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyEvent;

/**
 * JediTermFX's widget with copy and paste through JavaFX's clipboard (its own handler goes through
 * AWT's, which fails in a headless JVM and starts a second GUI toolkit beside JavaFX otherwise), and
 * without the NUL it would send for a bare modifier key.
 */
final class GangwayTerminalWidget extends JediTermFxWidget {

    /** The terminal's default colours, kept to change them when the theme does. */
    private StyleState style;
    private final SettingsProvider settings;

    GangwayTerminalWidget(int columns, int rows, SettingsProvider settings) {
        super(columns, rows, settings);
        this.settings = settings;
        // jeditermfx caches its canvas as a bitmap, but the canvas is already one and its content
        // changes with every frame it is drawn: the cache was rebuilt each time, a second copy of
        // the whole terminal (3 MB at 135x34) and a full-size copy per frame, for nothing.
        getTerminalPanel().getCanvas().setCache(false);
        // On GTK a bare Ctrl, Shift or Alt press carries the text "\0", which jeditermfx sends to the
        // server as a NUL before every Ctrl+key (Ctrl+@: set-mark in emacs and bash). A modifier alone
        // types nothing, so it stops here, before the terminal's own filter sees it.
        getPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode().isModifierKey()) {
                e.consume();
            }
        });
    }

    /**
     * The terminal's styles, whose default text carries no colour of its own: JediTermFX's reset
     * copies the default style's colours into the text it writes, so the prompt and output written
     * before a change of Terminal colours kept the old page behind them (issue 26: black bands on a
     * light terminal). With none, each paint takes the settings' colours of the moment. The default
     * keeps its colours for the cursor and selection (their inverse needs them).
     */
    @Override
    protected StyleState createDefaultStyle() {
        StyleState made = super.createDefaultStyle();
        style = new StyleState() {
            @Override
            public void reset() {
                setCurrent(TextStyle.EMPTY);
            }
        };
        style.setDefaultStyle(new TextStyle(made.getDefaultForeground(), made.getDefaultBackground()));
        return style;
    }

    /** Dark or light text and page from now on, the screen and the scrollback repainted in them. */
    void useColours(boolean dark) {
        if (settings instanceof TerminalSettings t) {
            t.setDark(dark);
        }
        style.setDefaultStyle(TerminalSettings.colours(dark));
        getTerminalPanel().repaint();
    }

    /**
     * JediTermFX's emulator moves the cursor one row past the bottom before it scrolls, outside the
     * buffer's lock (JediTerminal.newLine, wrapLines); a paint on the FX thread reading the cursor in
     * between asked for that row, and the buffer logged "Attempt to get line out of bounds: 34 >= 34"
     * (seen many times under the flood benchmark). Readers outside the emulator (the painter's
     * type-ahead cursor, resize, status reports) all want a row on the screen: give them one.
     */
    @Override
    protected JediTerminal createTerminal(TerminalDisplay display, TerminalTextBuffer textBuffer, StyleState styleState) {
        return terminal(display, textBuffer, styleState);
    }

    /** The emulator, whose cursor row read from outside is always one on the screen (see {@link #createTerminal}). */
    static JediTerminal terminal(TerminalDisplay display, TerminalTextBuffer textBuffer, StyleState styleState) {
        return new JediTerminal(display, textBuffer, styleState) {
            @Override
            public int getCursorY() {
                return Math.min(super.getCursorY(), getTerminalHeight());
            }
        };
    }

    @Override
    protected TerminalPanel createTerminalPanel(SettingsProvider settings, StyleState styleState,
            TerminalTextBuffer textBuffer) {
        // Called from the widget's constructor, before anything is written to the buffer.
        Scrollback.install(textBuffer);
        return new TerminalPanel(settings, textBuffer, styleState) {
            @Override
            protected TerminalCopyPasteHandler createCopyPasteHandler() {
                return new FxClipboard();
            }
        };
    }

    /**
     * The system clipboard for copy and paste (called on the FX thread, from key and menu events);
     * the X11-style selection (copy on select, middle-click paste) is kept inside Gangway.
     */
    static final class FxClipboard implements TerminalCopyPasteHandler {
        private String selection;

        @Override
        public void setContents(String text, boolean useSelection) {
            if (useSelection) {
                selection = text;
            } else {
                Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, text));
            }
        }

        @Override
        public String getContents(boolean useSelection) {
            if (useSelection && selection != null) {
                return selection;
            }
            Clipboard clipboard = Clipboard.getSystemClipboard();
            return clipboard.hasString() ? clipboard.getString() : null;
        }
    }
}
