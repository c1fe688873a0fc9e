package dev.gangway.ssh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.instance.Instance;

/**
 * The console output's host keys, asked for when the user selects a row, before any double-click:
 * a first connection to an instance then finds them ready instead of waiting for GetConsoleOutput
 * (issue 25, "connect before the user asks"). Reading the console output changes nothing anywhere.
 * An answer serves connections for {@link #FRESH}; after that it is asked for again.
 */
public final class ConsoleLookahead {

    /** How long an answer is used: a rebooted instance may print new keys, but not within a minute. */
    static final Duration FRESH = Duration.ofMinutes(1);

    private record Asked(Instant at, CompletableFuture<ConsoleHostKeys> keys) {
    }

    /**
     * Where console output is read, for the lookahead and for a connect alike: threads of their own,
     * not the common pool, which has one worker on 2 cores and must not wait on AWS (issue 25's
     * `gangway --verbose list` hang).
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gangway-console-output");
        t.setDaemon(true);
        return t;
    });

    private final Ec2Calls ec2;
    private final Clock clock;
    private final Map<String, Asked> asked = new ConcurrentHashMap<>();

    public ConsoleLookahead(Ec2Calls ec2, Clock clock) {
        this.ec2 = ec2;
        this.clock = clock;
    }

    /** Asks for {@code instance}'s console output in the background, unless a fresh answer is there or on its way. */
    public void prefetch(Instance instance) {
        Instant now = clock.instant();
        asked.compute(instance.id(), (id, before) -> before != null && fresh(before, now) ? before
                : new Asked(now, read(ec2, instance)));
    }

    /** The answer asked for ahead, when it is fresh (it may still be on its way). */
    Optional<CompletableFuture<ConsoleHostKeys>> ahead(Instance instance) {
        Asked a = asked.get(instance.id());
        return a != null && fresh(a, clock.instant()) ? Optional.of(a.keys()) : Optional.empty();
    }

    private static boolean fresh(Asked a, Instant now) {
        return Duration.between(a.at(), now).compareTo(FRESH) < 0;
    }

    /** {@code instance}'s console output's host keys, read in the background; null when it could not be read. */
    static CompletableFuture<ConsoleHostKeys> read(Ec2Calls ec2, Instance instance) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ConsoleHostKeys.parse(ec2.consoleOutput(instance));
            } catch (CloudException | RuntimeException e) {
                return null;
            }
        }, READERS);
    }
}
