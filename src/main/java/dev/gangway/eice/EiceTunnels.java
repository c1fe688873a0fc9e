package dev.gangway.eice;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.connect.EndpointTunnels;
import dev.gangway.connect.Tunnel;
import dev.gangway.instance.Instance;

/** Instance Connect Endpoint tunnels for SSH and Remote Desktop, with the user's AWS identity. */
public final class EiceTunnels implements EndpointTunnels {

    private final CloudAccess access;
    private final Duration maxConnection;

    public EiceTunnels(CloudAccess access) {
        this(access, EndpointTunnel.MAX_CONNECTION);
    }

    /** Tunnels whose connections the endpoint keeps for at most {@code maxConnection} (AWS's longest is the hour). */
    public EiceTunnels(CloudAccess access, Duration maxConnection) {
        this.access = access;
        this.maxConnection = maxConnection;
    }

    @Override
    public Tunnel open(Instance instance, int remotePort) throws IOException {
        try {
            return EndpointTunnel.open(access, instance, remotePort, 0, maxConnection);
        } catch (CloudException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Stopped while the Instance Connect Endpoint tunnel opened.");
        }
    }
}
