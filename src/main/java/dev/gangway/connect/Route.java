package dev.gangway.connect;

import java.io.IOException;

import dev.gangway.instance.Instance;

/**
 * How an instance is reached, decided once by {@link Reachability} for SSH, Remote Desktop and the
 * password dialog. A plain address is connected to directly; Session Manager and an Instance
 * Connect Endpoint carry the connection themselves and open a {@link Tunnel}.
 */
public sealed interface Route permits Route.PublicAddress, Route.GivenAddress, Route.PrivateIp, Route.SessionManager,
        Route.InstanceConnectEndpoint {

    /** The host name or address connected to. */
    String host();

    /** What kind of address this is, in words for the status bar ("public DNS", "the address you gave"). */
    String kind();

    /** Where to connect for {@code remotePort}: for a plain address, that address and port themselves. */
    default Tunnel open(int remotePort) throws IOException {
        return Tunnel.direct(host(), remotePort);
    }

    /** Where an SSH client connects for {@code sshPort}: for Session Manager, SSH's own session (AWS-StartSSHSession). */
    default Tunnel openSsh(int sshPort) throws IOException {
        return open(sshPort);
    }

    /**
     * Whether the connection goes through a local port rather than to {@link #host()} itself: host
     * keys are then checked for the host's name, never for 127.0.0.1 and a port that changes.
     */
    default boolean tunnelled() {
        return false;
    }

    /**
     * Session Manager carries the connection: no address and no open port needed, only an online
     * agent. {@link #host()} is the instance id, which names the instance's entry in known_hosts
     * (as OpenSSH's documented {@code ProxyCommand} setup names it).
     */
    record SessionManager(Instance instance, SessionManagerTunnels tunnels) implements Route {
        @Override
        public String host() {
            return instance.id();
        }

        @Override
        public String kind() {
            return "Session Manager";
        }

        @Override
        public Tunnel open(int remotePort) throws IOException {
            return tunnels.open(instance, remotePort, false);
        }

        @Override
        public Tunnel openSsh(int sshPort) throws IOException {
            return tunnels.open(instance, sshPort, true);
        }

        @Override
        public boolean tunnelled() {
            return true;
        }
    }

    /**
     * An EC2 Instance Connect Endpoint in the instance's VPC carries the connection to its private
     * address: no public address and no port open to the internet needed. {@link #host()} is the
     * instance id, which names its entry in known_hosts, as for Session Manager.
     */
    record InstanceConnectEndpoint(Instance instance, EndpointTunnels tunnels) implements Route {
        @Override
        public String host() {
            return instance.id();
        }

        @Override
        public String kind() {
            return "Instance Connect Endpoint";
        }

        @Override
        public Tunnel open(int remotePort) throws IOException {
            return tunnels.open(instance, remotePort);
        }

        @Override
        public boolean tunnelled() {
            return true;
        }
    }

    /** The instance's own public DNS name, public IPv4 or IPv6 address. */
    record PublicAddress(String host, String kind) implements Route {
    }

    /** An address the user gave: a bastion, a tunnel they opened, a DNS alias. */
    record GivenAddress(String host) implements Route {
        @Override
        public String kind() {
            return "the address you gave";
        }
    }

    /** The private IPv4 address, chosen by the user (over a VPN, Direct Connect, or from inside the VPC). */
    record PrivateIp(String host) implements Route {
        @Override
        public String kind() {
            return "private IPv4, as you chose";
        }
    }
}
