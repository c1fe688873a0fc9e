package dev.gangway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.InvalidTargetException;
import software.amazon.awssdk.services.ssm.model.PingStatus;
import software.amazon.awssdk.services.ssm.model.SessionState;
import software.amazon.awssdk.services.ssm.model.StartSessionResponse;
import software.amazon.awssdk.services.ssm.model.TargetNotConnectedException;

import dev.gangway.aws.CloudAccess;

/**
 * The sandbox's Session Manager API through the AWS SDK (real wire protocol, SigV4 for service
 * {@code ssm}) and the AWS CLI: which nodes have an agent, and sessions with their data-channel URLs.
 */
class SandboxSessionManagerTest extends ApiSandboxTest {

    static SsmClient ssm(CloudAccess access) {
        return access.ssm(SandboxCloud.PROFILE, "us-east-1");
    }

    static String idOf(String name) {
        return sandbox.world().machines().stream().filter(m -> name.equals(m.name())).findFirst().orElseThrow().id();
    }

    @Test
    void theAgentsOnlineTheOneOfflineAndAManagedNodeOutsideEc2AreListed() {
        try (CloudAccess access = sandbox.cloudAccess()) {
            List<InstanceInformation> nodes = ssm(access).describeInstanceInformation(r -> { }).instanceInformationList();
            assertThat(nodes).extracting(InstanceInformation::computerName)
                    .contains("web-1", "api-ubuntu", "db-debian", "win-app", "rhel-batch", "on-prem-build");
            InstanceInformation web = nodes.stream().filter(n -> n.instanceId().equals(idOf("web-1"))).findFirst()
                    .orElseThrow();
            assertThat(web.pingStatus()).isEqualTo(PingStatus.ONLINE);
            assertThat(web.resourceTypeAsString()).isEqualTo("EC2Instance");
            assertThat(web.platformTypeAsString()).isEqualTo("Linux");
            assertThat(nodes.stream().filter(n -> n.instanceId().equals(idOf("rhel-batch"))).findFirst().orElseThrow()
                    .pingStatus()).isEqualTo(PingStatus.CONNECTION_LOST);
            InstanceInformation onPrem = nodes.stream().filter(n -> n.instanceId().startsWith("mi-")).findFirst()
                    .orElseThrow();
            assertThat(onPrem.resourceTypeAsString()).isEqualTo("ManagedInstance");
            assertThat(onPrem.name()).isEqualTo("on-prem-build");

            assertThat(ssm(access).describeInstanceInformation(r -> r.filters(InstanceInformationStringFilter.builder()
                    .key("InstanceIds").values(idOf("win-app")).build())).instanceInformationList())
                    .extracting(InstanceInformation::computerName).containsExactly("win-app");
        }
    }

    @Test
    void aSessionGetsARandomTokenAndADataChannelOnTheSandboxsPortUntilItIsTerminated() {
        try (CloudAccess access = sandbox.cloudAccess()) {
            StartSessionResponse first = ssm(access).startSession(r -> r.target(idOf("web-1")));
            StartSessionResponse second = ssm(access).startSession(r -> r.target(idOf("web-1")));
            assertThat(first.tokenValue()).hasSizeGreaterThanOrEqualTo(60).isNotEqualTo(second.tokenValue());
            URI stream = URI.create(first.streamUrl());
            assertThat(stream.getScheme()).isEqualTo("ws");
            assertThat(stream.getHost()).isEqualTo("127.0.0.1");
            assertThat(stream.getPort()).isEqualTo(sandbox.endpoint().getPort());
            assertThat(stream.getPath()).isEqualTo("/v1/data-channel/" + first.sessionId());
            assertThat(ssm(access).describeSessions(r -> r.state(SessionState.ACTIVE)).sessions())
                    .extracting(s -> s.sessionId()).contains(first.sessionId(), second.sessionId());

            assertThat(ssm(access).terminateSession(r -> r.sessionId(first.sessionId())).sessionId())
                    .isEqualTo(first.sessionId());
            assertThat(ssm(access).describeSessions(r -> r.state(SessionState.ACTIVE)).sessions())
                    .extracting(s -> s.sessionId()).doesNotContain(first.sessionId()).contains(second.sessionId());
        }
    }

    @Test
    void anOfflineAgentOrAnUnknownTargetIsRefusedWithSsmsOwnErrors() {
        try (CloudAccess access = sandbox.cloudAccess()) {
            assertThatThrownBy(() -> ssm(access).startSession(r -> r.target(idOf("rhel-batch"))))
                    .isInstanceOf(TargetNotConnectedException.class).hasMessageContaining("is not connected");
            assertThatThrownBy(() -> ssm(access).startSession(r -> r.target("i-0000000000000000f")))
                    .isInstanceOf(InvalidTargetException.class);
        }
    }

    @Test
    void theAwsCliListsTheManagedNodes() throws Exception {
        assumeTrue(SandboxAdmitsOnlyItsStarterTest.onPath("aws"), "the AWS CLI is not installed here");
        Path profile = sandbox.writeProfile();
        ProcessBuilder pb = new ProcessBuilder("aws", "ssm", "describe-instance-information", "--query",
                "InstanceInformationList[].ComputerName", "--output", "text");
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(Map.of("AWS_CONFIG_FILE", profile.toString(), "AWS_PROFILE", SandboxCloud.PROFILE,
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        SandboxAdmitsOnlyItsStarterTest.Result aws = SandboxAdmitsOnlyItsStarterTest.run(pb);
        assertThat(aws.code()).as(aws.err()).isZero();
        assertThat(aws.out()).contains("web-1").contains("on-prem-build");
    }
}
