package dev.gangway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2instanceconnect.Ec2InstanceConnectClient;
import software.amazon.awssdk.services.ec2instanceconnect.model.Ec2InstanceConnectException;

import dev.gangway.aws.Ec2Calls;
import dev.gangway.instance.Instance;
import dev.gangway.instanceconnect.InstanceConnectClient;
import dev.gangway.inventory.Ec2Inventory;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.ssh.ConsoleHostKeys;
import dev.gangway.ssh.HostKeyCheck;
import dev.gangway.ssh.SshConnectException;
import dev.gangway.ssh.SshConnector;
import dev.gangway.ssh.SshSession;
import dev.gangway.ssh.SshTarget;

/** The sandbox's EC2 Instance Connect API through the real SDK, and its SSH servers honouring the 60 s window. */
class SandboxInstanceConnectTest {

    @TempDir
    static Path data;
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    static SandboxCloud sandbox;
    static SshConnector connector;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(data).withClock(CLOCK));
        connector = new SshConnector();
    }

    @AfterAll
    static void stop() {
        connector.close();
        sandbox.close();
    }

    private static Ec2InstanceConnectClient client() {
        return Ec2InstanceConnectClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(sandbox.credentials()).build();
    }

    private static Instance web1() throws Exception {
        try (var inventory = new Ec2Inventory(sandbox.cloudAccess())) {
            return inventory.fetch(new InventoryRequest(List.of("sandbox"),
                    List.of("us-east-1")), InventoryListener.NONE).instances().stream()
                    .filter(i -> "web-1".equals(i.name())).findFirst().orElseThrow();
        }
    }

    private static SshSession login(Instance web, KeyPair key) throws Exception {
        var lookups = new Ec2Calls(sandbox.cloudAccess());
        HostKeyCheck check = new HostKeyCheck(data.resolve("known_hosts"), (h, p, t, f) -> false, "127.0.0.1",
                web.sshPort(), ConsoleHostKeys.parse(lookups.consoleOutput(web)));
        return connector.connect(new SshTarget("127.0.0.1", web.sshPort(), "ec2-user"), key, check, Duration.ofSeconds(20));
    }

    @Test
    void aPushedKeyLogsInForSixtySecondsOnly() throws Exception {
        Instance web = web1();
        KeyPair once = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        assertThatThrownBy(() -> login(web, once)).isInstanceOf(SshConnectException.class);

        try (var c = client()) {
            var answer = c.sendSSHPublicKey(r -> r.instanceId(web.id()).instanceOSUser("ec2-user")
                    .sshPublicKey(PublicKeyEntry.toString(once.getPublic())).availabilityZone(web.availabilityZone()));
            assertThat(answer.success()).isTrue();
        }
        try (SshSession s = login(web, once)) {
            assertThat(s.isOpen()).isTrue();
        }
        CLOCK.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> login(web, once))
                .isInstanceOf(SshConnectException.class)
                .satisfies(e -> assertThat(((SshConnectException) e).reason())
                        .isEqualTo(SshConnectException.Reason.AUTHENTICATION));
    }

    @Test
    void refusalsComeAsTheServiceSendsThemAndGangwaySaysWhatToFix() throws Exception {
        Instance web = web1();
        String key = PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
        InstanceConnectClient instanceConnect = new InstanceConnectClient(sandbox.cloudAccess());
        sandbox.world().permissions().denyInstanceConnect(true);
        try {
            assertThatThrownBy(() -> instanceConnect.sendSshPublicKey(web, "ec2-user", key))
                    .hasMessageContaining("AccessDeniedException")
                    .hasMessageContaining("ec2-instance-connect:SendSSHPublicKey")
                    .hasMessageContaining("ec2:osuser");
        } finally {
            sandbox.world().permissions().denyInstanceConnect(false);
        }
        try (var c = client()) {
            String stopped = sandbox.world().machines().stream().filter(m -> m.name().equals("rhel-batch"))
                    .findFirst().orElseThrow().id();
            assertThatThrownBy(() -> c.sendSSHPublicKey(r -> r.instanceId(stopped).instanceOSUser("ec2-user")
                    .sshPublicKey(key)))
                    .isInstanceOf(Ec2InstanceConnectException.class)
                    .satisfies(e -> assertThat(((Ec2InstanceConnectException) e).awsErrorDetails().errorCode())
                            .isEqualTo("EC2InstanceStateInvalidException"));
            assertThatThrownBy(() -> c.sendSSHPublicKey(r -> r.instanceId(web.id()).instanceOSUser("ec2-user")
                    .sshPublicKey("not a key")))
                    .isInstanceOf(Ec2InstanceConnectException.class)
                    .satisfies(e -> assertThat(((Ec2InstanceConnectException) e).awsErrorDetails().errorCode())
                            .isEqualTo("InvalidArgsException"));
        }
    }
}
