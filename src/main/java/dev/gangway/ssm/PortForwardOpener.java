package dev.gangway.ssm;

import java.util.function.Consumer;

import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.instance.Instance;

/** Opens Session Manager port forwards for the window, off the UI thread, with the user's AWS identity. */
public final class PortForwardOpener {

    private final ConnectTasks connections;

    public PortForwardOpener(ConnectTasks connections) {
        this.connections = connections;
    }

    /** Forwards {@code remotePort} of {@code instance} (or of {@code remoteHost}) to {@code localPort}; results on the UI thread. */
    public TaskRunner.Handle open(Instance instance, String remoteHost, int remotePort, int localPort,
            Consumer<PortForward> onOpen, Consumer<Throwable> onFailure) {
        return connections.tasks().run(() -> PortForward.open(connections.context().access(), instance, remoteHost,
                remotePort, localPort), onOpen, onFailure);
    }
}
