package dev.gangway.connect;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.aws.PublicIpResolver;
import dev.gangway.instance.Instance;
import dev.gangway.settings.Settings;

/**
 * What connecting needs from this run, handed to every feature by the composition root: the AWS
 * clients, the user's public IP, where keys and host keys are (the sandbox has its own), and how
 * Session Manager tunnels are opened (by the ssm room, which SSH and Remote Desktop cannot know).
 */
public record ConnectContext(CloudAccess access, PublicIpResolver publicIp, ConnectOptions defaults,
                             SessionManagerTunnels tunnels) {

    /** A context without Session Manager tunnels. */
    public ConnectContext(CloudAccess access, PublicIpResolver publicIp, ConnectOptions defaults) {
        this(access, publicIp, defaults, SessionManagerTunnels.NONE);
    }

    /** The route {@link Reachability} decides, with this run's Session Manager tunnels. */
    public Route route(Instance instance, ConnectOptions options) throws CannotConnect {
        return Reachability.route(instance, options, tunnels);
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
