package dev.gangway.ssh;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;

/** Opens SSH shells for the window, off the FX thread, over the app's one {@link SshConnector}. */
public final class ShellOpener implements AutoCloseable {

    /** An open shell, how it was reached, and any warning to show with it. */
    public record Opened(ShellChannel shell, SshPlanner.Plan plan, String warning) {
    }

    private final ConnectTasks connections;
    private SshConnector connector;

    public ShellOpener(ConnectTasks connections) {
        this.connections = connections;
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
            SshPlanner.Plan plan = SshPlanner.of(connections.context()).plan(instance, options, answers);
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
     * {@link KeyExchanges}). Nothing is sent anywhere.
     */
    public void prepare(Instance instance) {
        if (instance != null && instance.state() == InstanceState.RUNNING && instance.platform() != GuestOs.WINDOWS) {
            SshConnector.prepare();
        }
    }

    /** A connection failure, explained for how the login was attempted. */
    static final class SshConnectFailure extends Exception {
        SshConnectFailure(String message, SshConnectException cause) {
            super(message, cause);
        }
    }

    private synchronized SshConnector connector() {
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
