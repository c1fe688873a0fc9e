package dev.gangway.connect;

import java.nio.file.Path;

/** How a login proves who it is, decided with the route. */
public sealed interface Auth permits Auth.KeyPairFile, Auth.InstanceConnectKey {

    /** The private key of the instance's EC2 key pair, from this file. */
    record KeyPairFile(Path file) implements Auth {
    }

    /** A key made for this one login and pushed with EC2 Instance Connect; the instance accepts it for 60 seconds. */
    record InstanceConnectKey() implements Auth {
    }
}
