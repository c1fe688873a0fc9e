package dev.gangway.terminal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.techsenger.jeditermfx.core.CursorShape;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseFormat;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseMode;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalSelection;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import org.junit.jupiter.api.Test;

/** The scrollback that drops its oldest lines in place keeps exactly what jeditermfx's own would. */
class ScrollbackTest {

    private static final int MAX_LINES = 100;

    @Test
    void installsIntoANewTerminalAndKeepsItsMainScreenAcrossFullScreenPrograms() {
        Terminal t = new Terminal(true);
        // If jeditermfx's insides change, this fails, rather than the speed quietly going.
        assertThat(t.buffer.getHistoryBuffer()).isInstanceOf(Scrollback.class);

        t.terminal.useAlternateBuffer(true);   // less, vim, top
        t.print(0, 50);
        t.terminal.useAlternateBuffer(false);
        assertThat(t.buffer.getHistoryBuffer()).isInstanceOf(Scrollback.class);
    }

    @Test
    void aTerminalThatIsAlreadyWrittenToKeepsItsOwnBuffer() {
        Terminal t = new Terminal(false);
        t.print(0, 30);
        assertThat(Scrollback.install(t.buffer)).isFalse();
        assertThat(t.buffer.getHistoryBuffer()).isNotInstanceOf(Scrollback.class);
    }

    @Test
    void keepsTheSameLinesAsTheLibrarysOwnScrollback() {
        Terminal ours = new Terminal(true);
        Terminal stock = new Terminal(false);
        for (Terminal t : List.of(ours, stock)) {
            t.print(0, 20);          // not full yet
            t.print(20, 5_000);      // full: every new line drops the oldest
        }
        List<String> kept = ours.history();
        assertThat(kept).hasSize(MAX_LINES).isEqualTo(stock.history());
        // The newest lines, oldest first; the screen shows the last 23 and the cursor's empty line.
        assertThat(kept.get(0)).isEqualTo("line " + (5_000 - 23 - MAX_LINES));
        assertThat(kept.get(MAX_LINES - 1)).isEqualTo("line " + (5_000 - 23 - 1));
        assertThat(ours.buffer.getScreenLines()).isEqualTo(stock.buffer.getScreenLines());

        // Clearing the scrollback (Ctrl+Shift+K) still clears it, and it fills again as before.
        for (Terminal t : List.of(ours, stock)) {
            t.buffer.clearHistory();
            assertThat(t.history()).isEmpty();
            t.print(5_000, 5_030);
        }
        assertThat(ours.history()).isNotEmpty().isEqualTo(stock.history());
    }

    /** A text buffer and emulator as a terminal tab has them, without a window. */
    private static final class Terminal {
        final TerminalTextBuffer buffer = new TerminalTextBuffer(80, 24, new StyleState(), MAX_LINES, null);
        final JediTerminal terminal;

        Terminal(boolean ours) {
            if (ours) {
                assertThat(Scrollback.install(buffer)).isTrue();
            }
            terminal = new JediTerminal(new NoDisplay(), buffer, new StyleState());
        }

        /** Prints "line from" to "line (to - 1)", a line each, as {@code seq} would. */
        void print(int from, int to) {
            for (int n = from; n < to; n++) {
                terminal.writeString("line " + n);
                terminal.carriageReturn();
                terminal.newLine();
            }
        }

        List<String> history() {
            buffer.lock();
            try {
                List<String> lines = new ArrayList<>();
                for (int i = -buffer.getHistoryLinesCount(); i < 0; i++) {
                    lines.add(buffer.getLine(i).getText().trim());
                }
                return lines;
            } finally {
                buffer.unlock();
            }
        }
    }

    static final class NoDisplay implements TerminalDisplay {
        @Override public void setCursor(int x, int y) { }
        @Override public void setCursorShape(CursorShape shape) { }
        @Override public void beep() { }
        @Override public void scrollArea(int top, int dy, int bottom) { }
        @Override public void setCursorVisible(boolean visible) { }
        @Override public void useAlternateScreenBuffer(boolean use) { }
        @Override public String getWindowTitle() { return ""; }
        @Override public void setWindowTitle(String title) { }
        @Override public TerminalSelection getSelection() { return null; }
        @Override public void terminalMouseModeSet(MouseMode mode) { }
        @Override public void setMouseFormat(MouseFormat format) { }
        @Override public boolean ambiguousCharsAreDoubleWidth() { return false; }
    }
}
