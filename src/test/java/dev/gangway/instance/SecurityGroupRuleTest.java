package dev.gangway.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A rule as the detail pane's table shows it: its protocol and ports in words. */
class SecurityGroupRuleTest {

    private static SecurityGroupRule rule(String protocol, int from, int to) {
        return new SecurityGroupRule("sg-1", "web", protocol, from, to, RuleSource.cidr("0.0.0.0/0"), null);
    }

    @Test
    void protocolsAndPortsReadAsTheConsoleShowsThem() {
        assertThat(rule("-1", -1, -1).protocolLabel()).isEqualTo("All");
        assertThat(rule("-1", -1, -1).portLabel()).isEqualTo("All");
        assertThat(rule("tcp", 22, 22).protocolLabel()).isEqualTo("TCP");
        assertThat(rule("tcp", 22, 22).portLabel()).isEqualTo("22");
        assertThat(rule("tcp", 8000, 8080).portLabel()).isEqualTo("8000–8080");
        assertThat(rule("icmp", -1, -1).portLabel()).isEqualTo("All");
        assertThat(rule("udp", 0, 65535).portLabel()).isEqualTo("0–65535");
    }

    @Test
    void onlyTcpOrAllTrafficOpensATcpPortAndOnlyWithinItsRange() {
        assertThat(rule("tcp", 20, 30).opensTcpPort(20)).isTrue();
        assertThat(rule("tcp", 20, 30).opensTcpPort(30)).isTrue();
        assertThat(rule("tcp", 20, 30).opensTcpPort(31)).isFalse();
        assertThat(rule("tcp", 20, 30).opensTcpPort(19)).isFalse();
        assertThat(rule("udp", 22, 22).opensTcpPort(22)).isFalse();
        assertThat(rule("-1", -1, -1).opensTcpPort(3389)).isTrue();
        assertThat(rule("all", -1, -1).opensTcpPort(3389)).isTrue();
    }
}
