package dev.gangway.common.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * Work asked for after the window closed (an answer that arrives late and selects a row, say) is
 * dropped without a word: before, it threw RejectedExecutionException on the FX thread.
 */
class FxTaskRunnerTest {

    @Test
    void workAskedForAfterCloseIsDroppedQuietly() {
        FxTaskRunner tasks = new FxTaskRunner();
        tasks.close();
        AtomicBoolean ran = new AtomicBoolean();
        assertThatCode(() -> {
            tasks.run(() -> ran.getAndSet(true), done -> ran.set(true), failed -> ran.set(true)).cancel();
            tasks.later(Duration.ZERO, () -> ran.set(true)).cancel();
        }).doesNotThrowAnyException();
        assertThat(ran).isFalse();
    }
}
