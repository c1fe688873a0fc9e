package dev.gangway.connect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.common.DaemonThreads;
import dev.gangway.connect.keys.KeyFinder;
import dev.gangway.instance.Instance;

/**
 * The key search of a connection, done when the user stays on a row, before any double-click
 * (issue 25, "connect before the user asks"): EC2's fingerprint of the instance's key pair
 * (DescribeKeyPairs, a read) and the key folders' file that matches it (files read, nothing asked).
 * The connection then takes the answer instead of waiting for it. An answer serves for
 * {@link #FRESH}; a file found then that is gone by the connection, or none found, is searched for
 * again with the fingerprint already known.
 */
public final class KeyLookahead {

    /** How long an answer is used. */
    static final Duration FRESH = Duration.ofMinutes(1);

    /** What the search found: EC2's fingerprint (empty when EC2 has none) and the matching file. */
    public record Found(Optional<String> fingerprint, Optional<Path> file) {
    }

    /** The question an answer is for: the key pair, in these folders. */
    private record Question(String keyName, List<Path> folders) {
    }

    private static final ExecutorService SEARCHERS =
            Executors.newCachedThreadPool(DaemonThreads.named("gangway-key-search-"));

    private final Ec2Calls ec2;
    private final Lookahead<Found> asked;

    public KeyLookahead(Ec2Calls ec2, Clock clock) {
        this.ec2 = ec2;
        this.asked = new Lookahead<>(FRESH, clock);
    }

    /** Whether {@link #prefetch} would search now (no fresh answer for these folders is there or on its way). */
    public boolean wouldSearch(Instance instance, List<Path> folders) {
        return searchable(instance) && asked.answer(instance.id(), question(instance, folders)).isEmpty();
    }

    /** Searches for {@code instance}'s key file in {@code folders} in the background, unless a fresh answer is there. */
    public void prefetch(Instance instance, List<Path> folders) {
        if (searchable(instance)) {
            asked.ask(instance.id(), question(instance, folders), () -> search(instance, folders));
        }
    }

    /**
     * The answer searched for ahead, waiting for it if it is on its way (the same work done again
     * would take as long); empty when there is none, it is stale, or the search failed (the
     * connection then searches itself and says what went wrong).
     */
    public Optional<Found> ready(Instance instance, List<Path> folders) {
        Optional<CompletableFuture<Found>> answer = asked.answer(instance.id(), question(instance, folders));
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(answer.get().get());
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Question question(Instance instance, List<Path> folders) {
        return new Question(instance.keyName(), List.copyOf(folders));
    }

    private static boolean searchable(Instance instance) {
        return instance.keyName() != null && !instance.isManagedNode();
    }

    private CompletableFuture<Found> search(Instance instance, List<Path> folders) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Optional<String> fingerprint = ec2.keyPairFingerprint(instance);
                return new Found(fingerprint, new KeyFinder(folders).find(instance.keyName(), fingerprint.orElse(null)));
            } catch (CloudException | RuntimeException e) {
                return null;
            }
        }, SEARCHERS);
    }

    /** The file of {@code found} when it is still there. */
    static Optional<Path> stillThere(Found found) {
        return found.file().filter(Files::isRegularFile);
    }
}
