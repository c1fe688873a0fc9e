package dev.gangway.connect;

import java.io.IOException;

import dev.gangway.instance.Instance;

/**
 * Opens tunnels over Session Manager for the features that cannot know it (SSH, Remote Desktop):
 * the composition root hands one in with the {@link ConnectContext}.
 */
@FunctionalInterface
public interface SessionManagerTunnels {

    /** No Session Manager here: every attempt says so. */
    SessionManagerTunnels NONE = (instance, port, ssh) -> {
        throw new IOException("Session Manager tunnels are not available in this run.");
    };

    /**
     * A local port carried to {@code remotePort} of {@code instance}: SSH's own session
     * (AWS-StartSSHSession, one connection) when {@code ssh}, else a port forward.
     *
     * @throws IOException with a message for the user when the session cannot start
     */
    Tunnel open(Instance instance, int remotePort, boolean ssh) throws IOException;
}
