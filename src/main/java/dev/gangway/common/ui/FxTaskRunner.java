package dev.gangway.common.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.application.Platform;

import dev.gangway.common.TaskRunner;

/** Runs work on daemon threads and hands results to the FX thread with {@link Platform#runLater}. */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private final ExecutorService pool;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gangway-timer");
        t.setDaemon(true);
        return t;
    });

    public FxTaskRunner() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gangway-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> Handle run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<?> future;
        try {
            future = pool.submit(() -> {
                try {
                    T result = work.call();
                    if (!cancelled.get()) {
                        Platform.runLater(() -> {
                            if (!cancelled.get()) {
                                onSuccess.accept(result);
                            }
                        });
                    }
                } catch (CancellationException | InterruptedException e) {
                    // the user cancelled; nothing to report
                } catch (Exception | Error e) {
                    if (!cancelled.get()) {
                        Platform.runLater(() -> onFailure.accept(e));
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            return () -> { }; // the window closed while something still asked for work: nothing runs
        }
        return () -> {
            cancelled.set(true);
            future.cancel(true);
        };
    }

    @Override
    public void onUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public Handle later(Duration delay, Runnable action) {
        AtomicBoolean cancelled = new AtomicBoolean();
        ScheduledFuture<?> due;
        try {
            due = timer.schedule(() -> Platform.runLater(() -> {
                if (!cancelled.get()) {
                    action.run();
                }
            }), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            return () -> { };
        }
        return () -> {
            cancelled.set(true);
            due.cancel(false);
        };
    }

    @Override
    public void close() {
        pool.shutdownNow();
        timer.shutdownNow();
    }
}
