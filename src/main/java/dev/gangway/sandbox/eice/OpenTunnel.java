package dev.gangway.sandbox.eice;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.websocket.api.Session;

import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.http.SandboxHttp;
import dev.gangway.sandbox.http.SigV4Verifier;
import dev.gangway.sandbox.world.ConnectEndpoint;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.sandbox.world.SandboxWorld;

/**
 * EC2 Instance Connect Endpoint's {@code /openTunnel}: a WebSocket upgrade whose URL is presigned
 * with SigV4 for the service {@code ec2-instance-connect} (checked by the SDK's own signer, so a
 * URL botocore presigned passes as well as Gangway's), naming the endpoint, the instance's private
 * address and the port. Admitted, it carries raw bytes to that port of the instance (its loopback
 * service here) in binary frames, one WebSocket per TCP connection.
 */
public final class OpenTunnel implements SandboxHttp.Upgrade {

    /** The service a presigned URL must be scoped to, as the CLI's signer names it. */
    public static final String SERVICE = "ec2-instance-connect";
    /** The longest tunnel AWS allows, and the default when the URL names none. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    private final SandboxWorld world;
    private final SigV4Verifier verifier;

    public OpenTunnel(SandboxWorld world, SigV4Verifier verifier) {
        this.world = world;
        this.verifier = verifier;
    }

    @Override
    public Session.Listener open(String method, URI uri, Map<String, List<String>> headers)
            throws SandboxHttp.Refused {
        SigV4Verifier.Signed signed;
        try {
            signed = verifier.verify(method, uri, headers, new byte[0]);
        } catch (SigV4Verifier.Rejected r) {
            throw new SandboxHttp.Refused(403, r.getMessage());
        }
        if (!SERVICE.equals(signed.service())) {
            throw new SandboxHttp.Refused(403, "Credential should be scoped to correct service: '" + SERVICE + "'.");
        }
        Map<String, String> query = query(uri.getRawQuery());
        String endpointId = query.get("instanceConnectEndpointId");
        String address = query.get("privateIpAddress");
        if (endpointId == null || address == null) {
            throw new SandboxHttp.Refused(400, "instanceConnectEndpointId and privateIpAddress are required.");
        }
        ConnectEndpoint endpoint = world.connectEndpoints().get(endpointId).filter(e -> e.region().equals(signed.region()))
                .orElseThrow(() -> new SandboxHttp.Refused(404, "The instance connect endpoint ID '" + endpointId
                        + "' does not exist in " + signed.region() + "."));
        if (!endpoint.usable()) {
            throw new SandboxHttp.Refused(409, "The instance connect endpoint " + endpointId + " is " + endpoint.state()
                    + ".");
        }
        int seconds = number(query.getOrDefault("maxTunnelDuration", Long.toString(MAX_DURATION.toSeconds())),
                "maxTunnelDuration", 1, (int) MAX_DURATION.toSeconds());
        Optional<Machine> target = world.machines().stream()
                .filter(m -> m.vpcId.equals(endpoint.vpcId()) && address.equals(m.privateIp)).findFirst();
        int port = number(query.getOrDefault("remotePort", "22"), "remotePort", 1, 65535);
        // A sandbox instance serves SSH on the port its tag names (they share loopback): that port stands for 22.
        String sshPort = target.map(m -> m.tags.get(Instance.SSH_PORT_TAG)).orElse("22");
        if (port != 22 && port != 3389 && !Integer.toString(port).equals(sshPort)) {
            throw new SandboxHttp.Refused(400, "remotePort " + port + " is not allowed: an Instance Connect Endpoint "
                    + "opens tunnels to ports 22 and 3389.");
        }
        world.countCall("OpenTunnel");
        return new TunnelSocket(target.filter(m -> m.state() == InstanceState.RUNNING)
                .flatMap(m -> world.serviceFor(m.id(), null, port)), address + ":" + port, Duration.ofSeconds(seconds));
    }

    private static int number(String value, String name, int min, int max) throws SandboxHttp.Refused {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new SandboxHttp.Refused(400, name + " must be a number from " + min + " to " + max + ".");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> map = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return map;
    }
}
