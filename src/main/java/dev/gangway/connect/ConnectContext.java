package dev.gangway.connect;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.aws.PublicIpResolver;
import dev.gangway.instance.Instance;
import dev.gangway.settings.Settings;

/**
 * What connecting needs from this run, handed to every feature by the composition root: the AWS
 * clients, the user's public IP, where keys and host keys are (the sandbox has its own), and how
 * Session Manager and Instance Connect Endpoint tunnels are opened (by the ssm and eice rooms, which
 * SSH and Remote Desktop cannot know), and whether only loopback addresses may be dialled (the
 * sandbox: its other addresses are made up, and nothing of it leaves this machine).
 */
public record ConnectContext(CloudAccess access, PublicIpResolver publicIp, ConnectOptions defaults,
                             SessionManagerTunnels tunnels, EndpointTunnels endpoints, boolean loopbackOnly) {

    /** A context without tunnels. */
    public ConnectContext(CloudAccess access, PublicIpResolver publicIp, ConnectOptions defaults) {
        this(access, publicIp, defaults, SessionManagerTunnels.NONE, EndpointTunnels.NONE);
    }

    /** A context that dials any address. */
    public ConnectContext(CloudAccess access, PublicIpResolver publicIp, ConnectOptions defaults,
            SessionManagerTunnels tunnels, EndpointTunnels endpoints) {
        this(access, publicIp, defaults, tunnels, endpoints, false);
    }

    /**
     * The route {@link Reachability} decides, with this run's tunnels; in the sandbox
     * ({@link #loopbackOnly}) an address that is not loopback is refused, never dialled.
     */
    public Route route(Instance instance, ConnectOptions options) throws CannotConnect {
        Route route = Reachability.route(instance, options, tunnels, endpoints);
        if (loopbackOnly && !route.tunnelled()) {
            Reachability.requireLoopback(instance, route.host());
        }
        return route;
    }

    /** The defaults with what the user set for {@code instance} or remembered for its key pair. */
    public ConnectOptions options(Instance instance, Settings settings) {
        return defaults.withSettingsFor(instance, settings);
    }

    public Ec2Calls ec2() {
        return new Ec2Calls(access);
    }

    public Reachability reachability() {
        return new Reachability(ec2());
    }
}
