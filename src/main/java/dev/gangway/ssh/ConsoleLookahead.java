package dev.gangway.ssh;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.common.DaemonThreads;
import dev.gangway.connect.Lookahead;
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
    private static final String QUESTION = "console output";

    /** Where console output is read, for the lookahead and for a connect alike. */
    private static final ExecutorService READERS =
            Executors.newCachedThreadPool(DaemonThreads.named("gangway-console-output-"));

    private final Ec2Calls ec2;
    private final Lookahead<ConsoleHostKeys> asked;

    public ConsoleLookahead(Ec2Calls ec2, Clock clock) {
        this.ec2 = ec2;
        this.asked = new Lookahead<>(FRESH, clock);
    }

    /** Asks for {@code instance}'s console output in the background, unless a fresh answer is there or on its way. */
    public void prefetch(Instance instance) {
        asked.ask(instance.id(), QUESTION, () -> read(ec2, instance));
    }

    /** The answer asked for ahead, when it is fresh (it may still be on its way). */
    Optional<CompletableFuture<ConsoleHostKeys>> ahead(Instance instance) {
        return asked.answer(instance.id(), QUESTION);
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
