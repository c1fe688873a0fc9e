package dev.gangway.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gangway.testsupport.InstanceBuilder;

/** The detail pane's verdict weighs state, addresses, rules and the SSM agent together (issue 26). */
class AccessSummaryTest {

    private static final String MY_IP = "203.0.113.7";
    private static final List<SecurityGroup> OPEN_TO_ME = List.of(new SecurityGroup("sg-1", "batch-admin", "",
            List.of(new SecurityGroupRule("sg-1", "batch-admin", "tcp", 22, 22, RuleSource.cidr(MY_IP + "/32"), null))));
    private static final ManagedAgent ONLINE = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0", "Linux", null);

    /** The sandbox's rhel-batch: a rule lets the user in, but it is stopped and has no public address. */
    @Test
    void aStoppedInstanceIsNeverMarkedReachableWhateverItsRules() {
        AccessSummary a = AccessSummary.of(InstanceBuilder.instance(b -> {
            b.name = "rhel-batch";
            b.state = InstanceState.STOPPED;
            b.privateIp = "172.31.30.7";
            b.securityGroups = OPEN_TO_ME;
        }), MY_IP);
        assertThat(a.level()).isEqualTo(AccessSummary.Level.NOT_RUNNING);
        assertThat(a.sentence()).startsWith("rhel-batch is stopped: nothing reaches it until it is started")
                .doesNotContain("open to your IP");
    }

    @Test
    void aRunningInstanceWithoutAPublicAddressSaysWhatReachesIt() {
        AccessSummary a = AccessSummary.of(InstanceBuilder.instance(b -> {
            b.name = "rhel-batch";
            b.privateIp = "172.31.30.7";
            b.securityGroups = OPEN_TO_ME;
        }), MY_IP);
        assertThat(a.level()).isEqualTo(AccessSummary.Level.CLOSED);
        assertThat(a.sentence()).startsWith("No public address: rhel-batch is reachable only from inside its VPC")
                .contains("Instance Connect Endpoint").contains("Session Manager once its SSM agent is online");
        // With its agent online, Session Manager is the way in.
        AccessSummary managed = AccessSummary.of(InstanceBuilder.instance(b -> {
            b.privateIp = "172.31.30.7";
            b.agent = ONLINE;
        }), MY_IP);
        assertThat(managed.level()).isEqualTo(AccessSummary.Level.OPEN);
        assertThat(managed.sentence()).isEqualTo("No public address: only its VPC reaches it directly. Its SSM agent "
                + "is online: double-click opens Session Manager, which needs no open port.");
    }

    @Test
    void aTerminatedInstanceNeverComesBack() {
        AccessSummary a = AccessSummary.of(InstanceBuilder.instance(b -> {
            b.name = "old";
            b.state = InstanceState.TERMINATED;
            b.publicIp = "198.51.100.4";
            b.securityGroups = OPEN_TO_ME;
        }), MY_IP);
        assertThat(a.level()).isEqualTo(AccessSummary.Level.NOT_RUNNING);
        assertThat(a.sentence()).startsWith("old is terminated: it never runs again").doesNotContain("refresh");
    }

    @Test
    void aRunningInstanceWithAPublicAddressIsJudgedByItsRules() {
        AccessSummary mine = AccessSummary.of(InstanceBuilder.instance(b -> {
            b.publicIp = "198.51.100.4";
            b.securityGroups = OPEN_TO_ME;
        }), MY_IP);
        assertThat(mine.level()).isEqualTo(AccessSummary.Level.OPEN);
        assertThat(mine.sentence()).startsWith("Port 22 is open to your IP " + MY_IP);
        AccessSummary other = AccessSummary.of(InstanceBuilder.instance(b -> {
            b.publicIp = "198.51.100.4";
            b.securityGroups = OPEN_TO_ME;
        }), "192.0.2.1");
        assertThat(other.level()).isEqualTo(AccessSummary.Level.CLOSED);
        assertThat(other.exposure().verdict()).isEqualTo(PortExposure.Verdict.NOT_OPEN_TO_YOU);
    }
}
