package dev.gangway.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gangway.testsupport.InstanceBuilder;

class PortExposureTest {

    private static SecurityGroup group(SecurityGroupRule... rules) {
        return new SecurityGroup("sg-1", "web", "", List.of(rules));
    }

    private static SecurityGroupRule tcp(int from, int to, String cidr) {
        return new SecurityGroupRule("sg-1", "web", "tcp", from, to, RuleSource.cidr(cidr), null);
    }

    @Test
    void openToTheWorldSaysAnyoneCanTry() {
        PortExposure e = PortExposure.evaluate(List.of(group(tcp(22, 22, "0.0.0.0/0"))), 22, "203.0.113.7");
        assertThat(e.verdict()).isEqualTo(PortExposure.Verdict.OPEN_TO_ANYONE);
        assertThat(e.sentence()).isEqualTo("Port 22 is open to 0.0.0.0/0 — anyone can try to connect.");
    }

    @Test
    void ruleForAnotherAddressSaysYourIpIsNotAllowed() {
        PortExposure e = PortExposure.evaluate(List.of(group(tcp(22, 22, "198.51.100.0/24"))), 22, "203.0.113.7");
        assertThat(e.verdict()).isEqualTo(PortExposure.Verdict.NOT_OPEN_TO_YOU);
        assertThat(e.sentence()).startsWith("Port 22 is not open to 203.0.113.7").contains("198.51.100.0/24");
    }

    @Test
    void rangeAndCidrContainingYourIpAllowsYou() {
        PortExposure e = PortExposure.evaluate(List.of(group(tcp(20, 30, "203.0.113.0/28"))), 22, "203.0.113.7");
        assertThat(e.verdict()).isEqualTo(PortExposure.Verdict.OPEN_TO_YOU);
        assertThat(e.sentence()).contains("open to your IP 203.0.113.7");
    }

    @Test
    void allTrafficRulesOpenEveryPortAndIpv6WorldCounts() {
        var all = new SecurityGroupRule("sg-1", "x", "-1", -1, -1, RuleSource.cidr("::/0"), null);
        assertThat(PortExposure.evaluate(List.of(group(all)), 3389, "2001:db8::1").verdict())
                .isEqualTo(PortExposure.Verdict.OPEN_TO_ANYONE);
    }

    @Test
    void noRuleForThePortIsClosed() {
        PortExposure e = PortExposure.evaluate(List.of(group(tcp(443, 443, "0.0.0.0/0"))), 22, "203.0.113.7");
        assertThat(e.verdict()).isEqualTo(PortExposure.Verdict.CLOSED);
        assertThat(e.sentence()).startsWith("Port 22 is not open to anyone");
    }

    /** UDP (or ICMP) on port 22 does not let SSH in, however open its source. */
    @Test
    void aUdpRuleOnTheSshPortDoesNotOpenIt() {
        var udp = new SecurityGroupRule("sg-1", "web", "udp", 22, 22, RuleSource.cidr("0.0.0.0/0"), null);
        var icmp = new SecurityGroupRule("sg-1", "web", "icmp", -1, -1, RuleSource.cidr("0.0.0.0/0"), null);
        PortExposure e = PortExposure.evaluate(List.of(group(udp, icmp)), 22, "203.0.113.7");
        assertThat(e.verdict()).isEqualTo(PortExposure.Verdict.CLOSED);
        assertThat(e.sentence()).startsWith("Port 22 is not open to anyone");
        var protocolSix = new SecurityGroupRule("sg-1", "web", "6", 22, 22, RuleSource.cidr("0.0.0.0/0"), null);
        assertThat(PortExposure.evaluate(List.of(group(protocolSix)), 22, "203.0.113.7").verdict())
                .isEqualTo(PortExposure.Verdict.OPEN_TO_ANYONE);
    }

    @Test
    void cidrMatchingHandlesPrefixBoundaries() {
        Cidr c = Cidr.parse("10.1.2.128/25").orElseThrow();
        assertThat(c.contains("10.1.2.200")).isTrue();
        assertThat(c.contains("10.1.2.127")).isFalse();
        assertThat(c.contains("2001:db8::1")).isFalse();
        assertThat(Cidr.parse("example.com/32")).isEmpty();
        assertThat(Cidr.parse("2001:db8::/32").orElseThrow().contains("2001:db8:ffff::1")).isTrue();
    }

    @Test
    void portTagsOverrideTheDefaults() {
        Instance plain = instance(GuestOs.LINUX, Map.of());
        assertThat(plain.sshPort()).isEqualTo(22);
        assertThat(plain.connectPort()).isEqualTo(22);
        Instance custom = instance(GuestOs.WINDOWS, Map.of("gangway:ssh-port", "2222", "gangway:rdp-port", "13389"));
        assertThat(custom.sshPort()).isEqualTo(2222);
        assertThat(custom.connectPort()).isEqualTo(13389);
        assertThat(instance(GuestOs.LINUX, Map.of("gangway:ssh-port", "nope")).sshPort()).isEqualTo(22);
    }

    static Instance instance(GuestOs platform, Map<String, String> tags) {
        return InstanceBuilder.instance(b -> { b.platform = platform; b.tags = tags; });
    }
}
