package dev.gangway.eice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.testsupport.SandboxInstances;

/**
 * The doctor's "Create an endpoint…": Paris has none; one is created in closed-box's subnet, waited
 * for while EC2 says create-in-progress, and then carries a tunnel. A second in the same VPC is refused.
 */
class CreateEndpointTest {

    @TempDir
    Path dir;

    @Test
    void anEndpointCreatedForAnInstanceIsWaitedForAndThenCarriesItsTunnel() throws Exception {
        try (SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(dir));
             CloudAccess access = sandbox.cloudAccess()) {
            Instance box = SandboxInstances.instance(sandbox, "closed-box");
            assertThatThrownBy(() -> ConnectEndpoints.find(access, box)).isInstanceOf(CloudException.class);
            ConnectEndpoints.Endpoint created = ConnectEndpoints.create(access, box, Duration.ofSeconds(30));
            assertThat(created.subnetId()).isEqualTo(box.subnetId());
            assertThat(sandbox.world().connectEndpoints().in("eu-west-3")).singleElement()
                    .satisfies(e -> assertThat(e.state()).isEqualTo("create-complete"));
            assertThat(ConnectEndpoints.find(access, box).id()).isEqualTo(created.id());
            try (EndpointTunnel tunnel = EndpointTunnel.open(access, box, 22, 0);
                 Socket s = new Socket(InetAddress.getLoopbackAddress(), tunnel.port())) {
                s.setSoTimeout(10_000);
                assertThat(new String(s.getInputStream().readNBytes(8), StandardCharsets.US_ASCII))
                        .isEqualTo("SSH-2.0-");
            }
            assertThatThrownBy(() -> ConnectEndpoints.create(access, box, Duration.ofSeconds(30)))
                    .isInstanceOf(CloudException.class).hasMessageContaining("InstanceConnectEndpointLimitExceeded");
        }
    }
}
