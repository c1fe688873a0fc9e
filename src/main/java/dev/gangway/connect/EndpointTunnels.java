package dev.gangway.connect;

import java.io.IOException;

import dev.gangway.instance.Instance;

/**
 * Opens tunnels through EC2 Instance Connect Endpoints for the features that cannot know them
 * (SSH, Remote Desktop): the composition root hands one in with the {@link ConnectContext}.
 */
@FunctionalInterface
public interface EndpointTunnels {

    /** No endpoints here: every attempt says so. */
    EndpointTunnels NONE = (instance, port) -> {
        throw new IOException("Instance Connect Endpoint tunnels are not available in this run.");
    };

    /**
     * A local port carried to {@code remotePort} of {@code instance}'s private address through the
     * endpoint in its VPC.
     *
     * @throws IOException with a message for the user when there is no endpoint or it refuses
     */
    Tunnel open(Instance instance, int remotePort) throws IOException;
}
