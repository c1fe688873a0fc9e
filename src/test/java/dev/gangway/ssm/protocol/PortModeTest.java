package dev.gangway.ssm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mode and keepalive choices each side makes alone, by the versions rules of AWS's plugin and agent. */
class PortModeTest {

    static final String CLIENT = "1.2.764.0";

    @Test
    void portForwardingIsMultiplexedOnlyWithAnAgentNewerThan3_0_196() {
        assertThat(PortMode.client("LocalPortForwarding", "3.3.987.0")).isEqualTo(PortMode.MULTIPLEXED);
        assertThat(PortMode.client("LocalPortForwarding", "3.0.196.0")).isEqualTo(PortMode.BASIC);
        assertThat(PortMode.client("LocalPortForwarding", "3.0.161.0")).isEqualTo(PortMode.BASIC);
        assertThat(PortMode.client("LocalPortForwarding", null)).isEqualTo(PortMode.BASIC);
        // AWS-StartSSHSession has no type: one stream, the basic semantics.
        assertThat(PortMode.client(null, "3.3.987.0")).isEqualTo(PortMode.BASIC);
    }

    @Test
    void theAgentComesToTheSameAnswerForOurClient() {
        for (String agent : new String[] {"2.3.1319.0", "3.0.161.0", "3.0.196.0", "3.0.222.0", "3.1.1188.0",
                "3.1.1511.0", "3.3.987.0"}) {
            for (String type : new String[] {"LocalPortForwarding", null}) {
                assertThat(PortMode.agent(type, agent, CLIENT)).as(agent + " " + type)
                        .isEqualTo(PortMode.client(type, agent));
            }
        }
        // A client older than 1.1.70 gets the basic mode from any agent.
        assertThat(PortMode.agent("LocalPortForwarding", "3.3.987.0", "1.1.61.0")).isEqualTo(PortMode.BASIC);
    }

    @Test
    void keepaliveIsOnOnBothSidesOrOffOnBoth() {
        // Where the two rules meet for our client, an idle tunnel is either kept alive by both or by neither.
        for (String agent : new String[] {"3.0.222.0", "3.1.1188.0", "3.1.1511.0", "3.1.1575.0", "3.3.987.0"}) {
            assertThat(PortMode.clientKeepAlive(agent)).as(agent).isEqualTo(PortMode.agentKeepAlive(agent, CLIENT));
        }
        // The plugin-1.2.0.0 mix-up of session-manager-plugin#93: the agent keeps it on, a client must too.
        assertThat(PortMode.agentKeepAlive("3.3.987.0", "1.2.0.0")).isTrue();
    }

    @Test
    void versionsCompareAsNumbersPartByPart() {
        assertThat(PortMode.compare("3.1.1511.0", "3.1.1575.0")).isNegative();
        assertThat(PortMode.compare("3.10.0.0", "3.9.9999.0")).isPositive();
        assertThat(PortMode.compare("3.0.196", "3.0.196.0")).isZero();
        assertThat(PortMode.compare(null, "1.0")).isNegative();
    }
}
