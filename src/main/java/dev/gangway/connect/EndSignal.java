package dev.gangway.connect;

import java.util.ArrayList;
import java.util.List;

/**
 * Something's end, heard once by every listener: one added before it ends runs when it ends, one
 * added after runs at once. A tunnel's end listeners ({@link Forward#onEnd}).
 */
public final class EndSignal {

    private final List<Runnable> listeners = new ArrayList<>();
    private boolean ended;

    /** Runs {@code listener} when this ends, or now if it has. */
    public void onEnd(Runnable listener) {
        synchronized (this) {
            if (!ended) {
                listeners.add(listener);
                return;
            }
        }
        listener.run();
    }

    /** Ends it: each listener added so far runs (on this thread), once; later calls do nothing. */
    public void end() {
        List<Runnable> now;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            now = List.copyOf(listeners);
            listeners.clear();
        }
        now.forEach(Runnable::run);
    }
}
