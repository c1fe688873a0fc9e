package dev.gangway.ssm;

import java.io.IOException;
import java.io.InterruptedIOException;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.connect.SessionManagerTunnels;
import dev.gangway.connect.Tunnel;
import dev.gangway.instance.Instance;

/** Session Manager tunnels for SSH and Remote Desktop, with the user's AWS identity. */
public final class SsmTunnels implements SessionManagerTunnels {

    private final CloudAccess access;

    public SsmTunnels(CloudAccess access) {
        this.access = access;
    }

    @Override
    public Tunnel open(Instance instance, int remotePort, boolean ssh) throws IOException {
        try {
            return ssh ? PortForward.openSsh(access, instance, remotePort)
                    : PortForward.open(access, instance, null, remotePort, 0);
        } catch (CloudException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Stopped while the Session Manager session started.");
        }
    }
}
