package dev.gangway.testsupport;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

import dev.gangway.common.TaskRunner;

/** Runs work at once on the calling thread, as the tests' "background" and UI thread both. */
public final class SameThreadRunner implements TaskRunner {

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
}
