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
 * SSH and Remote Desktop cannot know).
 */
public record ConnectContext(CloudAccess access, PublicIpResolver publicIp, ConnectOptions defaults,
                             SessionManagerTunnels tunnels, EndpointTunnels endpoints) {

    /** A context without tunnels. */
    public ConnectContext(CloudAccess access, PublicIpResolver publicIp, ConnectOptions defaults) {
        this(access, publicIp, defaults, SessionManagerTunnels.NONE, EndpointTunnels.NONE);
    }

    /** The route {@link Reachability} decides, with this run's tunnels. */
    public Route route(Instance instance, ConnectOptions options) throws CannotConnect {
        return Reachability.route(instance, options, tunnels, endpoints);
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
