package dev.gangway.forward;

import java.util.function.Consumer;

import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.connect.Forward;
import dev.gangway.eice.EndpointTunnel;
import dev.gangway.instance.Instance;
import dev.gangway.settings.Settings;
import dev.gangway.ssm.PortForward;

/**
 * Opens the window's tunnels off the UI thread, with the user's AWS identity: a Session Manager
 * forward, or a tunnel through the Instance Connect Endpoint in the instance's VPC, as the preset says.
 */
public final class TunnelOpener {

    private final ConnectTasks connections;

    public TunnelOpener(ConnectTasks connections) {
        this.connections = connections;
    }

    /** Opens {@code preset} to {@code instance}; the result, or why not, on the UI thread. */
    public TaskRunner.Handle open(Instance instance, Settings.TunnelPreset preset, Consumer<Forward> onOpen,
            Consumer<Throwable> onFailure) {
        return connections.tasks().run(() -> {
            Forward forward = preset.throughEndpoint()
                    ? EndpointTunnel.open(connections.context().access(), instance, preset.remotePort(),
                            preset.localPort())
                    : PortForward.open(connections.context().access(), instance, preset.remoteHost(),
                            preset.remotePort(), preset.localPort());
            return forward;
        }, onOpen, onFailure);
    }
}
