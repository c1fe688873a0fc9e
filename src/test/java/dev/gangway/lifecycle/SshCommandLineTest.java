package dev.gangway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The OpenSSH command lines "Copy ssh command" gives, as a POSIX shell would read them back. */
class SshCommandLineTest {

    @Test
    void toTheAddressItIsPlainSsh() {
        assertThat(SshCommandLine.of(SshCommandLine.Carrier.ADDRESS, "i-0abc", "203.0.113.5", 22, "ec2-user",
                Path.of("/home/me/.ssh/web.pem"), SshCommandLine.cloud(false, "prod", "eu-west-1")))
                .isEqualTo("ssh -i /home/me/.ssh/web.pem ec2-user@203.0.113.5");
        assertThat(SshCommandLine.of(SshCommandLine.Carrier.ADDRESS, "i-0abc", "2001:db8::5", 2222, "admin", null, ""))
                .isEqualTo("ssh -p 2222 admin@2001:db8::5");
    }

    @Test
    void theTunnelRoutesGoThroughGangwayForwardAsAProxyCommandToTheInstanceId() {
        assertThat(SshCommandLine.of(SshCommandLine.Carrier.ENDPOINT, "i-0abc", null, 22, "admin",
                Path.of("/home/me/My Keys/db.pem"), SshCommandLine.cloud(false, "prod", "eu-west-1")))
                .isEqualTo("ssh -i '/home/me/My Keys/db.pem' -o 'ProxyCommand=gangway forward %h %p --profile prod "
                        + "--region eu-west-1 --via eice --stdio' admin@i-0abc");
        assertThat(SshCommandLine.of(SshCommandLine.Carrier.SESSION_MANAGER, "i-0abc", null, 22, "ubuntu", null,
                "--sandbox")).isEqualTo("ssh -o 'ProxyCommand=gangway forward %h %p --sandbox --via ssm --stdio' "
                        + "ubuntu@i-0abc");
    }

    /**
     * The ProxyCommand's gangway command parses as the CLI reads it, profile and region included
     * (issue 27's review: it still said -p prod after -p became the port, and every copied tunnel
     * command stopped with a bad argument).
     */
    @Test
    void theProxyCommandIsOneTheCliTakes() {
        String line = SshCommandLine.of(SshCommandLine.Carrier.SESSION_MANAGER, "i-0abc", null, 22, "ubuntu", null,
                SshCommandLine.cloud(false, "prod", "eu-west-1"));
        java.util.regex.Matcher proxy = java.util.regex.Pattern.compile("ProxyCommand=gangway (forward [^']*)'")
                .matcher(line);
        assertThat(proxy.find()).as(line).isTrue();
        String[] args = proxy.group(1).replace("%h", "i-0abc").replace("%p", "22").split(" ");
        picocli.CommandLine.ParseResult forward = dev.gangway.app.GangwayCommand.commandLine(options -> 0, "forward")
                .parseArgs(args).subcommand();
        assertThat(forward.<String>matchedOptionValue("--profile", null)).isEqualTo("prod");
        assertThat(forward.<String>matchedOptionValue("--region", null)).isEqualTo("eu-west-1");
        assertThat(forward.hasMatchedOption("--stdio")).isTrue();
    }

    @Test
    void aQuoteInAPathIsKeptAsAShellReadsIt() {
        assertThat(dev.gangway.common.ShellWords.quote("/keys/bob's.pem")).isEqualTo("'/keys/bob'\\''s.pem'");
    }
}
