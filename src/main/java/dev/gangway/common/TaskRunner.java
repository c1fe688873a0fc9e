package dev.gangway.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Background work for view models: production runs it on worker threads and delivers results on
 * the FX thread; tests can run everything on one thread.
 */
public interface TaskRunner {

    /** A started task; {@link #cancel()} interrupts it and drops its result. */
    interface Handle {
        void cancel();
    }

    <T> Handle run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code action} on the UI thread (now, if already there). */
    void onUi(Runnable action);

    /** Runs {@code action} on the UI thread once {@code delay} has passed, unless cancelled first. */
    Handle later(Duration delay, Runnable action);
}
