package dev.gangway.rdp;

import java.io.IOException;
import java.util.Optional;

import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.connect.CannotConnect;
import dev.gangway.connect.ConnectContext;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.Reachability;
import dev.gangway.connect.Route;
import dev.gangway.connect.Tunnel;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.PortExposure;

/**
 * Where Remote Desktop connects for an instance, chosen as for SSH: the address the user gave, the
 * private IPv4 when they chose it, else public DNS, public IPv4, IPv6, private IPv4; the port from
 * {@code gangway:rdp-port} or 3389; and whether the security groups let the user's IP reach it.
 */
public final class RemoteDesktop {

    /**
     * Where to connect, what kind of address that is, a warning when the port looks closed to the
     * user, and the tunnel it goes through (Session Manager's, closed when the client is done; for a
     * plain address, nothing to close).
     */
    public record Target(String host, int port, String addressKind, Optional<String> portWarning,
                         Optional<Tunnel> tunnel) implements AutoCloseable {

        public Target(String host, int port, String addressKind, Optional<String> portWarning) {
            this(host, port, addressKind, portWarning, Optional.empty());
        }

        /** Closes the tunnel, if one carries it (the client is done). */
        @Override
        public void close() {
            tunnel.ifPresent(Tunnel::close);
        }
    }

    /**
     * How Remote Desktop goes: to the address, over Session Manager, through an Instance Connect
     * Endpoint, or over Session Manager when the port is closed to the user.
     */
    public enum Via {
        DIRECT,
        SESSION_MANAGER,
        ENDPOINT,
        /** Session Manager when the RDP port is not open to the user and the agent is online, else the address. */
        AUTO
    }

    private RemoteDesktop() {
    }

    /** The thumbprint of the instance's RDP certificate from its console output; empty when it printed none. */
    public static Optional<String> certificate(Ec2Calls lookups, Instance instance) {
        try {
            return RdpCertificate.thumbprint(lookups.consoleOutput(instance));
        } catch (CloudException e) {
            // No console output to compare with: the client decides (see RdpLaunchers).
            return Optional.empty();
        }
    }

    /**
     * @param address  an address the user gave (bastion, tunnel), or null
     * @param port     a port the user gave, or null for the instance's RDP port
     * @param myIp     the user's public IP, when known, to check the security groups against
     */
    public static Target target(Instance instance, String address, Integer port, boolean privateAddress, Optional<String> myIp)
            throws CannotConnect {
        requireUsable(instance);
        Route route = Reachability.route(instance, ConnectOptions.defaults().withAddress(address)
                .withPrivateAddress(privateAddress));
        int rdpPort = port != null ? port : instance.rdpPort();
        Optional<String> warning = Optional.empty();
        // Only the instance's own address is governed by its security groups as seen from the user's IP.
        if (address == null && !privateAddress) {
            PortExposure exposure = PortExposure.evaluate(instance.securityGroups(), rdpPort, myIp.orElse(null));
            if (exposure.verdict() == PortExposure.Verdict.NOT_OPEN_TO_YOU || exposure.verdict() == PortExposure.Verdict.CLOSED) {
                warning = Optional.of(exposure.sentence());
            }
        }
        return new Target(route.host(), rdpPort, route.kind(), warning);
    }

    /** Refuses what no way of Remote Desktop reaches: an instance that is not Windows, or not running. */
    public static void requireUsable(Instance instance) throws CannotConnect {
        if (instance.platform() != GuestOs.WINDOWS) {
            throw new CannotConnect(instance.label() + " is not a Windows instance: log in with SSH instead.");
        }
        Reachability.requireRunning(instance);
    }

    /**
     * Where the client connects when a tunnel carries the session, before it opens: a local port on
     * 127.0.0.1, the instance's RDP port (or {@code port}) standing for it. No address of the
     * instance's is needed (issue 26: a private-only instance failed here over Session Manager).
     */
    public static Target carried(Instance instance, Integer port, String carrier) throws CannotConnect {
        requireUsable(instance);
        return new Target("127.0.0.1", port != null ? port : instance.rdpPort(), carrier + " tunnel, not opened",
                Optional.empty());
    }

    /**
     * As {@link #target}, going over Session Manager or through an Instance Connect Endpoint as
     * {@code via} says: then the instance's RDP port is carried to a local port on 127.0.0.1 (opened
     * here, to be closed by the caller when the client is done), and the target is that port.
     *
     * @throws IOException with a message for the user when the tunnel cannot open
     */
    public static Target open(Instance instance, String address, Integer port, boolean privateAddress,
            Optional<String> myIp, Via via, ConnectContext connect) throws CannotConnect, IOException {
        requireUsable(instance);
        boolean own = address == null && !privateAddress;
        boolean carriedByChoice = via == Via.SESSION_MANAGER || via == Via.ENDPOINT || instance.isManagedNode() && own;
        Target direct = null;
        CannotConnect noDirect = null;
        if (!carriedByChoice) {
            try {
                direct = target(instance, address, port, privateAddress, myIp);
            } catch (CannotConnect e) {
                noDirect = e; // no public address: Session Manager may still carry it (AUTO)
            }
        }
        boolean auto = via == Via.AUTO && own && instance.sessionManagerOnline()
                && (noDirect != null || direct.portWarning().isPresent());
        if (!carriedByChoice && !auto) {
            if (noDirect != null) {
                throw noDirect;
            }
            if (connect.loopbackOnly()) {
                Reachability.requireLoopback(instance, direct.host());
            }
            return direct;
        }
        boolean ssm = via != Via.ENDPOINT;
        int rdpPort = port != null ? port : instance.rdpPort();
        Route route = connect.route(instance, ConnectOptions.defaults()
                .withVia(ssm ? dev.gangway.connect.Via.SESSION_MANAGER : dev.gangway.connect.Via.ENDPOINT));
        Tunnel tunnel = route.open(rdpPort);
        String why = !auto ? "" : noDirect != null ? " (no public address; the instance's agent carries it)"
                : " (port " + rdpPort + " is not open to your IP; the instance's agent carries it)";
        return new Target(tunnel.host(), tunnel.port(), route.kind() + " tunnel to port " + rdpPort + why,
                Optional.empty(), Optional.of(tunnel));
    }
}
