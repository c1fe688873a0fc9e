package dev.gangway.terminal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import org.junit.jupiter.api.Test;

/**
 * A paint that reads the cursor while the emulator scrolls gets a row on the screen: the painter
 * holds the buffer's lock, the emulator's newLine at the bottom row has moved its cursor and waits
 * for that lock to scroll. JediTermFX's own terminal answers one row past the bottom then, and the
 * painter's read of that row was logged as "Attempt to get line out of bounds: 24 >= 24".
 */
class CursorRowTest {

    private static final int ROWS = 24;

    @Test
    void aPainterReadingTheCursorWhileTheEmulatorScrollsSeesARowOnTheScreen() throws Exception {
        assertThat(cursorSeenMidScroll((buffer, style) -> GangwayTerminalWidget.terminal(new ScrollbackTest.NoDisplay(), buffer, style))).isEqualTo(ROWS);
        // What the override is for: if JediTermFX stops doing this, the override can go.
        assertThat(cursorSeenMidScroll((buffer, style) -> new JediTerminal(new ScrollbackTest.NoDisplay(), buffer, style)))
                .isEqualTo(ROWS + 1);
    }

    private static int cursorSeenMidScroll(BiFunction<TerminalTextBuffer, StyleState, JediTerminal> make)
            throws Exception {
        TerminalTextBuffer buffer = new TerminalTextBuffer(80, ROWS, new StyleState(), 100, null);
        JediTerminal terminal = make.apply(buffer, new StyleState());
        for (int i = 1; i < ROWS; i++) {
            terminal.newLine();
        }
        assertThat(terminal.getCursorY()).as("on the bottom row").isEqualTo(ROWS);
        Thread emulator = new Thread(terminal::newLine, "emulator");
        int seen;
        buffer.lock(); // as TerminalPanel's paint holds it
        try {
            emulator.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // The emulator is parked on the buffer's lock, in scrollY, its cursor already moved.
            while (emulator.getState() != Thread.State.WAITING) {
                assertThat(System.nanoTime()).as("the emulator reached the lock").isLessThan(deadline);
                Thread.onSpinWait();
            }
            seen = terminal.getCursorY();
        } finally {
            buffer.unlock();
        }
        emulator.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(terminal.getCursorY()).as("after the scroll").isEqualTo(ROWS);
        return seen;
    }
}
