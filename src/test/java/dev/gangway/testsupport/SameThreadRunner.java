package dev.gangway.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import dev.gangway.common.TaskRunner;

/** Runs work at once on the calling thread, as the tests' "background" and UI thread both. */
public final class SameThreadRunner implements TaskRunner {

    private final List<Runnable> due = new ArrayList<>();

    @Override
    public <T> Handle run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        try {
            onSuccess.accept(work.call());
        } catch (Exception e) {
            onFailure.accept(e);
        }
        return () -> { };
    }

    @Override
    public void onUi(Runnable action) {
        action.run();
    }

    @Override
    public Handle later(Duration delay, Runnable action) {
        due.add(action);
        return () -> due.remove(action);
    }

    /** Runs what {@link #later} holds, as if its time had come; how many there were. */
    public int runDue() {
        List<Runnable> now = new ArrayList<>(due);
        due.clear();
        now.forEach(Runnable::run);
        return now.size();
    }

    /** How many actions wait for their time. */
    public int waiting() {
        return due.size();
    }
}
