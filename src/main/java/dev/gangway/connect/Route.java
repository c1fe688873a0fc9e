package dev.gangway.connect;

import java.io.IOException;

/**
 * How an instance is reached, decided once by {@link Reachability} for SSH, Remote Desktop and the
 * password dialog. A plain address is connected to directly; routes to come (an Instance Connect
 * Endpoint, Session Manager) carry the connection themselves and open a {@link Tunnel}.
 */
public sealed interface Route permits Route.PublicAddress, Route.GivenAddress, Route.PrivateIp {

    /** The host name or address connected to. */
    String host();

    /** What kind of address this is, in words for the status bar ("public DNS", "the address you gave"). */
    String kind();

    /** Where to connect for {@code remotePort}: for a plain address, that address and port themselves. */
    default Tunnel open(int remotePort) throws IOException {
        return Tunnel.direct(host(), remotePort);
    }

    /** The instance's own public DNS name, public IPv4 or IPv6 address, or its private IPv4 as a last resort. */
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
