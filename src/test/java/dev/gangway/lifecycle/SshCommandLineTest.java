package dev.gangway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The OpenSSH command lines "Copy ssh command" gives, as a POSIX shell would read them back. */
class SshCommandLineTest {

    @Test
    void toTheAddressItIsPlainSsh() {
        assertThat(SshCommandLine.of(SshCommandLine.Carrier.ADDRESS, "i-0abc", "203.0.113.5", 22, "ec2-user",
                Path.of("/home/me/.ssh/web.pem"), "-p prod -r eu-west-1"))
                .isEqualTo("ssh -i /home/me/.ssh/web.pem ec2-user@203.0.113.5");
        assertThat(SshCommandLine.of(SshCommandLine.Carrier.ADDRESS, "i-0abc", "2001:db8::5", 2222, "admin", null, ""))
                .isEqualTo("ssh -p 2222 admin@2001:db8::5");
    }

    @Test
    void theTunnelRoutesGoThroughGangwayForwardAsAProxyCommandToTheInstanceId() {
        assertThat(SshCommandLine.of(SshCommandLine.Carrier.ENDPOINT, "i-0abc", null, 22, "admin",
                Path.of("/home/me/My Keys/db.pem"), "-p prod -r eu-west-1"))
                .isEqualTo("ssh -i '/home/me/My Keys/db.pem' -o 'ProxyCommand=gangway forward %h %p -p prod -r "
                        + "eu-west-1 --via eice --stdio' admin@i-0abc");
        assertThat(SshCommandLine.of(SshCommandLine.Carrier.SESSION_MANAGER, "i-0abc", null, 22, "ubuntu", null,
                "--sandbox")).isEqualTo("ssh -o 'ProxyCommand=gangway forward %h %p --sandbox --via ssm --stdio' "
                        + "ubuntu@i-0abc");
    }

    @Test
    void aQuoteInAPathIsKeptAsAShellReadsIt() {
        assertThat(SshCommandLine.quote("/keys/bob's.pem")).isEqualTo("'/keys/bob'\\''s.pem'");
    }
}
