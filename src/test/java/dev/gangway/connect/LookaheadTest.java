package dev.gangway.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.gangway.sandbox.MutableClock;

/** An answer asked for ahead serves while fresh and for the same question only; then it is asked again. */
class LookaheadTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"));

    @Test
    void anAnswerServesTheSameQuestionWhileFreshAndIsAskedAgainAfter() {
        Lookahead<String> ahead = new Lookahead<>(Duration.ofMinutes(1), clock);
        AtomicInteger asked = new AtomicInteger();
        ahead.ask("i-1", "q", () -> CompletableFuture.completedFuture("answer " + asked.incrementAndGet()));
        ahead.ask("i-1", "q", () -> CompletableFuture.completedFuture("answer " + asked.incrementAndGet()));
        assertThat(asked).as("a fresh answer is not asked for again").hasValue(1);
        assertThat(ahead.answer("i-1", "q")).hasValueSatisfying(f -> assertThat(f.join()).isEqualTo("answer 1"));
        assertThat(ahead.answer("i-1", "another question")).isEmpty();
        assertThat(ahead.answer("i-2", "q")).isEmpty();

        clock.advance(Duration.ofSeconds(60));
        assertThat(ahead.answer("i-1", "q")).as("stale").isEmpty();
        ahead.ask("i-1", "q", () -> CompletableFuture.completedFuture("answer " + asked.incrementAndGet()));
        assertThat(ahead.answer("i-1", "q")).hasValueSatisfying(f -> assertThat(f.join()).isEqualTo("answer 2"));

        ahead.ask("i-1", "another question", () -> CompletableFuture.completedFuture("other"));
        assertThat(ahead.answer("i-1", "another question")).hasValueSatisfying(f -> assertThat(f.join()).isEqualTo("other"));
    }
}
