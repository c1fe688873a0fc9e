package dev.gangway.eice;

import java.io.IOException;
import java.io.InterruptedIOException;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.connect.EndpointTunnels;
import dev.gangway.connect.Tunnel;
import dev.gangway.instance.Instance;

/** Instance Connect Endpoint tunnels for SSH and Remote Desktop, with the user's AWS identity. */
public final class EiceTunnels implements EndpointTunnels {

    private final CloudAccess access;

    public EiceTunnels(CloudAccess access) {
        this.access = access;
    }

    @Override
    public Tunnel open(Instance instance, int remotePort) throws IOException {
        try {
            return EndpointTunnel.open(access, instance, remotePort, 0);
        } catch (CloudException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Stopped while the Instance Connect Endpoint tunnel opened.");
        }
    }
}
