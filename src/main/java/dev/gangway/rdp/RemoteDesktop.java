package dev.gangway.rdp;

import java.util.Optional;

import dev.gangway.cloud.CloudException;
import dev.gangway.cloud.Instance;
import dev.gangway.cloud.InstanceLookups;
import dev.gangway.cloud.InstanceState;
import dev.gangway.cloud.GuestOs;
import dev.gangway.cloud.PortExposure;
import dev.gangway.ssh.InstanceSsh;

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
    public static Optional<String> certificate(InstanceLookups lookups, Instance instance) {
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
            throws InstanceSsh.Refused {
        String who = InstanceSsh.label(instance);
        if (instance.platform() != GuestOs.WINDOWS) {
            throw new InstanceSsh.Refused(who + " is not a Windows instance: log in with SSH instead.");
        }
        if (instance.state() != InstanceState.RUNNING) {
            throw new InstanceSsh.Refused(who + " is " + instance.state().ec2Name() + ". Start it first.");
        }
        InstanceSsh.Address chosen;
        if (address != null) {
            chosen = new InstanceSsh.Address(address, "the address you gave");
        } else if (privateAddress) {
            if (instance.privateIp() == null) {
                throw new InstanceSsh.Refused(who + " has no private IPv4 address. Connect to its public address instead.");
            }
            chosen = new InstanceSsh.Address(instance.privateIp(), "private IPv4, as you chose");
        } else {
            chosen = InstanceSsh.addressOf(instance);
        }
        if (chosen == null) {
            throw new InstanceSsh.Refused(who + " has no address Gangway can reach. Give one (a tunnel or bastion), or "
                    + "reach it through Session Manager port forwarding.");
        }
        int rdpPort = port != null ? port : instance.rdpPort();
        Optional<String> warning = Optional.empty();
        // Only the instance's own address is governed by its security groups as seen from the user's IP.
        if (address == null && !privateAddress) {
            PortExposure exposure = PortExposure.evaluate(instance.securityGroups(), rdpPort, myIp.orElse(null));
            if (exposure.verdict() == PortExposure.Verdict.NOT_OPEN_TO_YOU || exposure.verdict() == PortExposure.Verdict.CLOSED) {
                warning = Optional.of(exposure.sentence());
            }
        }
        return new Target(chosen.host(), rdpPort, chosen.kind(), warning);
    }
}
