package dev.gangway.windowspassword;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.instance.Instance;

/**
 * The password dialog's behaviour, without a screen: it gets and decrypts the password, asks again
 * every {@code retryEvery} while EC2 has none yet (a few minutes after launch), holds the password
 * only while the dialog is open, and zeroes it when closed.
 */
public final class PasswordViewModel implements AutoCloseable {

    /** What the dialog shows. */
    public sealed interface State {
        String status();
    }

    /** Asking EC2 and decrypting. */
    public record Fetching(String status) implements State {
    }

    /** The password is here ({@link #secret()}), for {@code user}. */
    public record Ready(String user, String status) implements State {
    }

    /** EC2 has no password yet; asked again in a while. */
    public record Waiting(String status) implements State {
    }

    /** No password, and asking again would not help: {@code status} says why. */
    public record Failed(String status) implements State {
    }

    private final Instance instance;
    private final PasswordFetcher fetcher;
    private final ConnectQuestions questions;
    private final TaskRunner tasks;
    private final Duration retryEvery;
    private final Consumer<State> onState;
    private State state;
    private char[] secret;
    private TaskRunner.Handle running;
    private TaskRunner.Handle retry;
    private boolean closed;

    /** {@code onState} hears every state on the UI thread. */
    public PasswordViewModel(Instance instance, PasswordFetcher fetcher, ConnectQuestions questions, TaskRunner tasks,
            Duration retryEvery, Consumer<State> onState) {
        this.instance = instance;
        this.fetcher = fetcher;
        this.questions = questions;
        this.tasks = tasks;
        this.retryEvery = retryEvery;
        this.onState = onState;
    }

    /** Starts getting the password. */
    public void start() {
        show(new Fetching("Getting the password from EC2 and decrypting it with key pair "
                + (instance.keyName() == null ? "(none)" : "'" + instance.keyName() + "'") + "…"));
        running = fetcher.password(instance, questions, this::received, this::failed);
    }

    private void received(WindowsPasswords.Credentials credentials) {
        try (credentials) {
            if (closed) {
                return;
            }
            secret = Arrays.copyOf(credentials.password(), credentials.password().length);
            show(new Ready(credentials.user(), "Decrypted here with " + credentials.keyFile().getFileName()
                    + "; not stored anywhere."));
        }
    }

    private void failed(Throwable error) {
        if (closed) {
            return;
        }
        Throwable e = unwrap(error);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof WindowsPasswordException w && w.reason() == WindowsPasswordException.Reason.NOT_READY) {
            show(new Waiting(message + " Gangway asks again every " + retryEvery.toSeconds()
                    + " s while this window is open."));
            retry = tasks.later(retryEvery, () -> {
                if (!closed) {
                    start();
                }
            });
        } else {
            show(new Failed(message));
        }
    }

    private void show(State next) {
        state = next;
        onState.accept(next);
    }

    public State state() {
        return state;
    }

    /** The decrypted password while the dialog is open, or null; the caller must not keep it. */
    public char[] secret() {
        return secret;
    }

    /** Stops asking and forgets the password. */
    @Override
    public void close() {
        closed = true;
        if (retry != null) {
            retry.cancel();
        }
        if (running != null) {
            running.cancel();
        }
        if (secret != null) {
            Arrays.fill(secret, '\0');
            secret = null;
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
