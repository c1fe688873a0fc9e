package dev.gangway.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.apache.sshd.common.session.SessionListener;

import dev.gangway.common.TaskRunner;
import dev.gangway.connect.CannotConnect;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.connect.HostKeyPrompt;
import dev.gangway.connect.KeyLookahead;
import dev.gangway.connect.Route;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;

/** Opens SSH shells for the window, off the FX thread, over the app's one {@link SshConnector}. */
public final class ShellOpener implements AutoCloseable {

    /** An open shell, how it was reached, and any warning to show with it. */
    public record Opened(ShellChannel shell, SshPlanner.Plan plan, String warning) {
    }

    /** How long a row stays selected before its console output is asked for: arrowing through rows asks nothing. */
    static final Duration SETTLE = Duration.ofMillis(400);

    private final ConnectTasks connections;
    private final ConsoleLookahead lookahead;
    private final KeyLookahead keys;
    private SshConnector connector;
    private volatile Instance selected;
    private TaskRunner.Handle settling;

    public ShellOpener(ConnectTasks connections) {
        this.connections = connections;
        this.lookahead = new ConsoleLookahead(connections.context().ec2(), Clock.systemUTC());
        this.keys = new KeyLookahead(connections.context().ec2(), Clock.systemUTC());
    }

    /** Plans the login, connects and opens a shell of {@code columns} × {@code rows}; results arrive on the UI thread. */
    public TaskRunner.Handle open(Instance instance, boolean instanceConnect, ConnectQuestions questions, int columns,
            int rows, Consumer<Opened> onOpen, Consumer<Throwable> onFailure) {
        return open(instance, o -> o.withInstanceConnect(instanceConnect), questions, columns, rows, onOpen, onFailure);
    }

    /** As above, with the instance's options {@code adjust}ed (EC2 Instance Connect, over Session Manager). */
    public TaskRunner.Handle open(Instance instance, UnaryOperator<ConnectOptions> adjust, ConnectQuestions questions,
            int columns, int rows, Consumer<Opened> onOpen, Consumer<Throwable> onFailure) {
        return connections.run(instance, adjust, questions, (options, answers) -> {
            SshPlanner.Plan plan = SshPlanner.of(connections.context()).withLookahead(lookahead).withKeyLookahead(keys)
                    .plan(instance, options, answers);
            SshSession session;
            try {
                session = connector().connect(plan.target(), plan.open(), plan.identity(), plan.hostKeyCheck(),
                        SshConnector.TIMEOUT);
            } catch (SshConnectException e) {
                throw new SshConnectFailure(plan.explain(e), e);
            }
            try {
                return new Opened(session.openShell(columns, rows), plan,
                        plan.keyFile() == null ? null : KeyFiles.permissionWarning(plan.keyFile()).orElse(null));
            } catch (IOException | RuntimeException e) {
                session.close();
                throw e;
            }
        }, onOpen, onFailure);
    }

    /**
     * The user picked {@code instance} and may well double-click it next: the parts of a connection
     * that change nothing anywhere and cost time are done now (the key exchange's key, see
     * {@link KeyExchanges}), and, once the row has stayed selected a moment, the console output's
     * host keys when known_hosts does not know the host (GetConsoleOutput, a read) and the key search
     * when no key file is set for it (DescribeKeyPairs, a read, and the key folders; see
     * {@link KeyLookahead}). Nothing that asks the user anything, and nothing sent to the instance.
     */
    public void prepare(Instance instance) {
        selected = instance;
        if (settling != null) {
            settling.cancel();
            settling = null;
        }
        if (instance == null || instance.state() != InstanceState.RUNNING || instance.platform() == GuestOs.WINDOWS) {
            return;
        }
        SshConnector.prepare();
        // known_hosts is read off the UI thread; the wait for the row to settle starts on it.
        connections.tasks().run(() -> ahead(instance), ahead -> {
            if ((ahead.consoleOutput() || ahead.keySearch() != null) && selected == instance) {
                settling = connections.tasks().later(SETTLE, () -> {
                    if (selected == instance) {
                        if (ahead.consoleOutput()) {
                            lookahead.prefetch(instance);
                        }
                        if (ahead.keySearch() != null) {
                            keys.prefetch(instance, ahead.keySearch());
                        }
                    }
                });
            }
        }, failed -> { });
    }

    /**
     * The mouse is down for a double-click on {@code instance}'s row: the TCP connection and the key
     * exchange start now, and the login the double-click asks for a moment later logs in on them
     * ({@link SshConnector#connectEarly}). Only where that asks nothing and opens nothing: a direct
     * way in (no tunnel), a host known_hosts knows, a login user known without asking. Nothing that
     * identifies the user is sent before the login.
     */
    public void connectEarly(Instance instance) {
        if (instance == null || instance.state() != InstanceState.RUNNING || instance.platform() == GuestOs.WINDOWS) {
            return;
        }
        connections.tasks().run(() -> {
            early(instance);
            return null;
        }, done -> { }, failed -> { });
    }

    private void early(Instance instance) {
        Optional<Way> way = way(instance);
        if (way.isEmpty() || way.get().route().tunnelled() || !way.get().hostKnown()) {
            return; // a tunnel to open, or a host key to ask about: the login does it
        }
        ConnectOptions options = way.get().options();
        String user = options.loginUser(instance).orElse(null);
        if (user != null) {
            String host = way.get().route().host();
            connector().connectEarly(new SshTarget(host, way.get().port(), user),
                    new HostKeyCheck(options.knownHosts(), HostKeyPrompt.REFUSE, host, way.get().port()));
        }
    }

    /**
     * What to do ahead for a row: the console output when known_hosts has no key for where a
     * double-click would connect; the key search (in these folders, else null) when no key file
     * is set and none was searched for lately.
     */
    private record Ahead(boolean consoleOutput, List<Path> keySearch) {
    }

    private Ahead ahead(Instance instance) {
        return way(instance).map(w -> {
            ConnectOptions options = w.options();
            boolean search = options.key() == null && !options.instanceConnect()
                    && keys.wouldSearch(instance, options.keyFolders());
            return new Ahead(!w.hostKnown(), search ? options.keyFolders() : null);
        }).orElse(new Ahead(false, null));
    }

    /** Where a double-click on a row would connect: its options, route and port, and whether known_hosts knows it. */
    private record Way(ConnectOptions options, Route route, int port, boolean hostKnown) {
    }

    /** Worked out off the UI thread (known_hosts is read); empty when no route can be planned yet. */
    private Optional<Way> way(Instance instance) {
        try {
            ConnectOptions options = connections.context().options(instance, connections.settings().current());
            Route route = connections.context().route(instance, options);
            int port = options.sshPort(instance);
            boolean known = HostKeyCheck.knows(options.knownHosts(), route.host(), port);
            return Optional.of(new Way(options, route, port, known));
        } catch (CannotConnect | RuntimeException e) {
            return Optional.empty(); // the login says why
        }
    }

    /** A connection failure, explained for how the login was attempted. */
    static final class SshConnectFailure extends Exception {
        SshConnectFailure(String message, SshConnectException cause) {
            super(message, cause);
        }
    }

    /** For tests and benchmarks: {@code listener} hears every SSH session this opener makes (TCP up, keys, auth). */
    public void listen(SessionListener listener) {
        connector().listen(listener);
    }

    synchronized SshConnector connector() {
        if (connector == null) {
            connector = new SshConnector();
        }
        return connector;
    }

    @Override
    public synchronized void close() {
        if (connector != null) {
            connector.close();
            connector = null;
        }
    }
}
