package dev.gangway.connect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers asked for before the user connects (issue 25, "connect before the user asks": a row the
 * user stays on), one per instance: the question it answers and when it was asked are kept with
 * it, and it serves a connection while it is fresh (it may still be on its way).
 *
 * @param <T> the answer
 */
public final class Lookahead<T> {

    private record Asked<T>(Instant at, Object question, CompletableFuture<T> answer) {
    }

    private final Duration fresh;
    private final Clock clock;
    private final Map<String, Asked<T>> asked = new ConcurrentHashMap<>();

    public Lookahead(Duration fresh, Clock clock) {
        this.fresh = fresh;
        this.clock = clock;
    }

    /**
     * Asks {@code question} about the instance {@code id} with {@code ask}, unless a fresh answer to
     * the same question is there or on its way. Stale answers are dropped.
     */
    public void ask(String id, Object question, Supplier<CompletableFuture<T>> ask) {
        Instant now = clock.instant();
        asked.values().removeIf(a -> !fresh(a, now));
        asked.compute(id, (key, before) -> before != null && before.question().equals(question) && fresh(before, now)
                ? before : new Asked<>(now, question, ask.get()));
    }

    /** The fresh answer to {@code question} about the instance {@code id}, maybe still on its way. */
    public Optional<CompletableFuture<T>> answer(String id, Object question) {
        Asked<T> a = asked.get(id);
        return a != null && a.question().equals(question) && fresh(a, clock.instant()) ? Optional.of(a.answer())
                : Optional.empty();
    }

    private boolean fresh(Asked<T> a, Instant now) {
        return Duration.between(a.at(), now).compareTo(fresh) < 0;
    }
}
