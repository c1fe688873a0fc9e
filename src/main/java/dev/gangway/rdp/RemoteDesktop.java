package dev.gangway.rdp;

import java.util.Optional;

import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.connect.CannotConnect;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.Reachability;
import dev.gangway.connect.Route;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.PortExposure;

/**
 * Where Remote Desktop connects for an instance, chosen as for SSH: the address the user gave, the
 * private IPv4 when they chose it, else public DNS, public IPv4, IPv6, private IPv4; the port from
 * {@code gangway:rdp-port} or 3389; and whether the security groups let the user's IP reach it.
 */
public final class RemoteDesktop {

    /** Where to connect, what kind of address that is, and a warning when the port looks closed to the user. */
    public record Target(String host, int port, String addressKind, Optional<String> portWarning) {
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
        String who = instance.label();
        if (instance.platform() != GuestOs.WINDOWS) {
            throw new CannotConnect(who + " is not a Windows instance: log in with SSH instead.");
        }
        Reachability.requireRunning(instance);
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
}
