package dev.gangway.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/** An endpoint's outbound rules, as the doctor reads them: to the instance's address, or to its group. */
class EndpointEgressTest {

    static final List<String> GROUPS = List.of("sg-0db");

    @Test
    void allTrafficOutLetsItThrough() {
        assertThat(EndpointChecks.lets(List.of(IpPermission.builder().ipProtocol("-1")
                .ipRanges(r -> r.cidrIp("0.0.0.0/0")).build()), 22, "172.31.10.40", GROUPS)).isTrue();
    }

    @Test
    void theRightPortToTheInstancesGroupOrAddressLetsItThrough() {
        assertThat(EndpointChecks.lets(List.of(IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .userIdGroupPairs(g -> g.groupId("sg-0db")).build()), 22, "172.31.10.40", GROUPS)).isTrue();
        assertThat(EndpointChecks.lets(List.of(IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(r -> r.cidrIp("172.31.0.0/16")).build()), 22, "172.31.10.40", GROUPS)).isTrue();
    }

    @Test
    void anotherPortAnotherRangeOrAnotherGroupDoesNot() {
        List<IpPermission> rules = List.of(
                IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(r -> r.cidrIp("0.0.0.0/0"))
                        .build(),
                IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(r -> r.cidrIp("10.0.0.0/8"))
                        .build(),
                IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                        .userIdGroupPairs(g -> g.groupId("sg-0web")).build(),
                IpPermission.builder().ipProtocol("udp").fromPort(0).toPort(65535).ipRanges(r -> r.cidrIp("0.0.0.0/0"))
                        .build());
        assertThat(EndpointChecks.lets(rules, 22, "172.31.10.40", GROUPS)).isFalse();
        assertThat(EndpointChecks.lets(List.of(), 3389, "172.31.10.40", GROUPS)).isFalse();
    }
}
