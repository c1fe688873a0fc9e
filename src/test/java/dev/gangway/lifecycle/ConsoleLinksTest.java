package dev.gangway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.gangway.common.HostOs;
import dev.gangway.instance.ManagedAgent;
import dev.gangway.testsupport.InstanceBuilder;

/** "Open in AWS console": the instance's page, and the OS's own way to open it (checked as the plan, not run). */
class ConsoleLinksTest {

    @Test
    void anInstancesPageAndAManagedNodesPage() {
        assertThat(ConsoleLinks.instance(InstanceBuilder.instance(b -> {
            b.id = "i-0abc";
            b.region = "eu-west-3";
        }))).isEqualTo("https://eu-west-3.console.aws.amazon.com/ec2/home?region=eu-west-3"
                + "#InstanceDetails:instanceId=i-0abc");
        assertThat(ConsoleLinks.instance(InstanceBuilder.instance(b -> {
            b.id = "mi-0123456789abcdef0";
            b.agent = new ManagedAgent(ManagedAgent.Ping.ONLINE, "3.3.987.0", "Ubuntu", null);
        }))).contains("/systems-manager/fleet-manager/managed-nodes/mi-0123456789abcdef0/");
    }

    @Test
    void eachOsOpensItItsOwnWay() {
        String url = "https://us-east-1.console.aws.amazon.com/ec2/home";
        assertThat(ConsoleLinks.browserCommand(HostOs.LINUX, url)).containsExactly("xdg-open", url);
        assertThat(ConsoleLinks.browserCommand(HostOs.MAC, url)).containsExactly("open", url);
        assertThat(ConsoleLinks.browserCommand(HostOs.WINDOWS, url))
                .containsExactly("rundll32", "url.dll,FileProtocolHandler", url);
    }
}
