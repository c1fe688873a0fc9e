package dev.gangway.terminal.ui;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

import com.techsenger.jeditermfx.core.model.LinesBuffer;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.model.hyperlinks.TextProcessing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A terminal's scrollback that drops its oldest lines in place. jeditermfx's own {@link LinesBuffer}
 * copies its whole line list into a new one for every line that scrolls off a full scrollback (and
 * then grows the copy to add the new line): with 2,000 lines, about 20 KB of garbage per line, most
 * of a text flood's allocation and the garbage collections that stalled the window. This subclass
 * removes them from the same list instead; everything else is the library's.
 *
 * <p>The library offers no way to supply the buffer, so {@link #install} puts it in the text buffer's
 * field by reflection, when a terminal is made and before anything is written to it. If the library's
 * insides ever differ (another version, or jeditermfx on the module path without its packages open),
 * the terminal keeps the stock buffer and works as before, only slower; {@code ScrollbackTest} fails
 * then, so an upgrade cannot lose this silently.
 */
final class Scrollback extends LinesBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(Scrollback.class);

    /** {@code LinesBuffer.myLines}, {@code TerminalTextBuffer.myHistoryBuffer}, ... or null when not reachable. */
    private static final VarHandle LINES;
    private static final VarHandle HISTORY;
    private static final VarHandle HISTORY_LINES;
    private static final VarHandle TEXT_PROCESSING;

    static {
        VarHandle lines = null;
        VarHandle history = null;
        VarHandle historyLines = null;
        VarHandle textProcessing = null;
        try {
            MethodHandles.Lookup inLines = MethodHandles.privateLookupIn(LinesBuffer.class, MethodHandles.lookup());
            lines = inLines.findVarHandle(LinesBuffer.class, "myLines", ArrayList.class);
            MethodHandles.Lookup inText = MethodHandles.privateLookupIn(TerminalTextBuffer.class, MethodHandles.lookup());
            history = inText.findVarHandle(TerminalTextBuffer.class, "myHistoryBuffer", LinesBuffer.class);
            historyLines = inText.findVarHandle(TerminalTextBuffer.class, "myHistoryLinesCount", int.class);
            textProcessing = inText.findVarHandle(TerminalTextBuffer.class, "myTextProcessing", TextProcessing.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Terminal scrollback: jeditermfx's buffer cannot be replaced ({}); using its own", e.toString());
            lines = null;
        }
        LINES = lines;
        HISTORY = history;
        HISTORY_LINES = historyLines;
        TEXT_PROCESSING = textProcessing;
    }

    private Scrollback(int maxLines, TextProcessing textProcessing) {
        super(maxLines, textProcessing);
    }

    /**
     * Gives {@code buffer} this scrollback in place of its own, which must still be empty (a terminal
     * just made). Returns whether it did; the terminal works either way.
     */
    static boolean install(TerminalTextBuffer buffer) {
        if (LINES == null) {
            return false;
        }
        buffer.lock();
        try {
            LinesBuffer stock = buffer.getHistoryBuffer();
            if (stock instanceof Scrollback) {
                return true;
            }
            if (stock.getLineCount() != 0) {
                return false;
            }
            int maxLines = (int) HISTORY_LINES.get(buffer);
            TextProcessing textProcessing = (TextProcessing) TEXT_PROCESSING.get(buffer);
            HISTORY.set(buffer, new Scrollback(maxLines, textProcessing));
            return true;
        } finally {
            buffer.unlock();
        }
    }

    /** The library's own method, without the copy: the caller holds the text buffer's lock. */
    @Override
    public void removeTopLines(int count) {
        @SuppressWarnings("unchecked")
        List<TerminalLine> lines = (List<TerminalLine>) LINES.get(this);
        if (count >= lines.size()) {
            lines.clear();
        } else if (count > 0) {
            lines.subList(0, count).clear();
        }
    }
}
