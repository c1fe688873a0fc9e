package dev.gangway.rdp;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.LongSupplier;

import dev.gangway.common.ErrorMessages;
import dev.gangway.common.Notifier;
import dev.gangway.common.SecretClipboard;
import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.Tunnel;
import dev.gangway.instance.Instance;
import dev.gangway.windowspassword.WindowsPasswords;

/**
 * Remote Desktop from the window, without a screen: the client started with the password handed
 * over as its plan says (the clipboard for clients that take none), what happened said in a
 * notification, a client that gives up at once reported, and without a client the file and the
 * password offered by hand.
 */
public final class RemoteDesktopHandover {

    /** A client that ends within this long, with a failure status, could not connect. */
    static final Duration QUICK_EXIT = Duration.ofSeconds(30);

    /** The window's offer when no client is installed: what to install, and the file and the password by hand. */
    public interface NoClient {
        /** Shows the offer; {@code password} is a copy the offer zeroes when it closes. */
        void offer(String name, RdpFile rdp, char[] password, String installHint);
    }

    private final RemoteDesktopStarter starter;
    private final Notifier notifier;
    private final TaskRunner tasks;
    private final SecretClipboard clipboard;
    private final NoClient noClient;
    private final LongSupplier nanoTime;

    public RemoteDesktopHandover(RemoteDesktopStarter starter, Notifier notifier, TaskRunner tasks,
            SecretClipboard clipboard, NoClient noClient) {
        this(starter, notifier, tasks, clipboard, noClient, System::nanoTime);
    }

    RemoteDesktopHandover(RemoteDesktopStarter starter, Notifier notifier, TaskRunner tasks, SecretClipboard clipboard,
            NoClient noClient, LongSupplier nanoTime) {
        this.starter = starter;
        this.notifier = notifier;
        this.tasks = tasks;
        this.clipboard = clipboard;
        this.noClient = noClient;
        this.nanoTime = nanoTime;
    }

    /** Gets the password and starts the client for {@code instance}; what happens is said in notifications. */
    public void start(Instance instance, ConnectQuestions questions) {
        start(instance, RemoteDesktop.Via.AUTO, questions, tunnel -> { });
    }

    /**
     * As above, going as {@code via} says; {@code tunnelOpened} is told of a Session Manager tunnel
     * that carries the session (the window lists it with the others).
     */
    public void start(Instance instance, RemoteDesktop.Via via, ConnectQuestions questions,
            Consumer<Tunnel> tunnelOpened) {
        start(instance, via, questions, tunnelOpened, () -> () -> { });
    }

    /**
     * As above; {@code session} is asked when a client starts whose end can be watched, and what it
     * returns is run when that client ends (the window keeps a temporary rule while it runs).
     */
    public void start(Instance instance, RemoteDesktop.Via via, ConnectQuestions questions,
            Consumer<Tunnel> tunnelOpened, Supplier<Runnable> session) {
        String name = instance.displayName();
        notifier.progress("Remote Desktop to " + name, "Getting the password and starting the client…");
        starter.remoteDesktop(instance, via, questions, started -> {
            started.target().tunnel().ifPresent(tunnelOpened);
            handOver(name, started, session);
        }, error -> notifier.error("Remote Desktop to " + name, ErrorMessages.message(error)));
    }

    /**
     * As {@link #handOver(String, RemoteDesktopStarter.Started)}; a client that lasts as long as its
     * session is one: {@code session} is asked when it starts, and what it returns runs when it ends.
     */
    CompletableFuture<Void> handOver(String name, RemoteDesktopStarter.Started started, Supplier<Runnable> session) {
        // A launcher that hands over and exits (macOS's open, Remmina's) says nothing of the session's end.
        boolean watched = started.plan().isPresent() && started.plan().get().lastsAsLongAsSession()
                && started.client().isPresent();
        Runnable ended = watched ? session.get() : () -> { };
        return handOver(name, started).whenComplete((v, e) -> ended.run());
    }

    /**
     * What the window does once the client started (or none is installed); the credentials are
     * zeroed when it returns. Returns the watch on the client's end, done at once without a client.
     */
    CompletableFuture<Void> handOver(String name, RemoteDesktopStarter.Started started) {
        try (WindowsPasswords.Credentials credentials = started.credentials()) {
            started.target().portWarning().ifPresent(w -> notifier.progress("Remote Desktop to " + name, w));
            if (started.plan().isEmpty()) {
                char[] copy = Arrays.copyOf(credentials.password(), credentials.password().length);
                noClient.offer(name, started.rdp(), copy, starter.installHint());
                return CompletableFuture.completedFuture(null);
            }
            LaunchPlan plan = started.plan().get();
            if (plan.password() == LaunchPlan.Handover.CLIPBOARD) {
                clipboard.copySecret(credentials.password());
            }
            String title = plan.client() + " started for " + name;
            String text = credentials.user() + " at " + started.rdp().fullAddress() + " ("
                    + started.target().addressKind() + ")." + (plan.note() == null ? "" : " " + plan.note());
            if (plan.password() == LaunchPlan.Handover.CLIPBOARD) {
                // The password on the clipboard is news to act on: a notification, not a passing note.
                notifier.info(title, text);
            } else {
                notifier.progress(title, text);
            }
            return watch(name, plan, started.client(), started);
        }
    }

    /** A client that gives up at once (no route, port closed, name not resolving) says little itself. */
    private CompletableFuture<Void> watch(String name, LaunchPlan plan, Optional<Process> client,
            RemoteDesktopStarter.Started started) {
        if (client.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        long startedAt = nanoTime.getAsLong();
        return client.get().onExit().thenAccept(ended -> {
            if (ended.exitValue() == 0 || nanoTime.getAsLong() - startedAt >= QUICK_EXIT.toNanos()) {
                return; // a session that ran, however it ended
            }
            if (RdpExitStatus.logonFailed(plan.client(), ended.exitValue())) {
                tasks.onUi(() -> notifier.error(plan.client() + " ended for " + name, "It reached Windows at "
                        + started.rdp().fullAddress() + ", but the logon failed ("
                        + RdpExitStatus.describe(plan.client(), ended.exitValue()) + "). Check the user and the "
                        + "password (Get Windows password…): Windows may have changed it since launch."));
            } else {
                tasks.onUi(() -> notifier.error(plan.client() + " ended for " + name,
                        "It stopped at once (" + RdpExitStatus.describe(plan.client(), ended.exitValue())
                                + "): it could not connect to "
                                + started.rdp().fullAddress() + ". " + (started.target().tunnel().isPresent()
                                ? "Session Manager carried the connection to the instance, but nothing answered on "
                                + "its RDP port there: check that Remote Desktop is enabled on it."
                                : started.target().portWarning().orElse("Check that the address is reachable from here."))));
            }
        });
    }
}
