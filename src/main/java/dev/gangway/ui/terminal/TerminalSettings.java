package dev.gangway.ui.terminal;

import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;

/**
 * JediTermFX's defaults, with a scrollback and a repaint rate chosen for throughput: jeditermfx copies
 * the whole scrollback for every line that scrolls off the screen, so its default 5,000 lines made a
 * text flood run at 3 MB/s; 2,000 lines (xterm keeps 1,024) and 30 repaints a second instead of 50
 * reach xterm's speed (FloodBenchmark). {@code -Dgangway.scrollback=N} and {@code -Dgangway.fps=N}
 * change them.
 */
public final class TerminalSettings extends DefaultSettingsProvider {

    public static final int SCROLLBACK_LINES = Integer.getInteger("gangway.scrollback", 2000);
    public static final int REFRESH_RATE = Integer.getInteger("gangway.fps", 30);

    @Override
    public int maxRefreshRate() {
        return REFRESH_RATE;
    }

    @Override
    public int getBufferMaxLinesCount() {
        return SCROLLBACK_LINES;
    }
}
