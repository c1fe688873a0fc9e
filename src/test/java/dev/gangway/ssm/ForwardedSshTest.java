package dev.gangway.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.aws.CloudAccess;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.testsupport.SandboxInstances;

/** OpenSSH's own ssh through a Gangway forward of an instance's port 22 (the sandbox's real SSH server). */
class ForwardedSshTest {

    @TempDir
    Path dir;

    @Test
    void opensshThroughAForwardRunsACommand() throws Exception {
        try (SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox")));
             CloudAccess access = sandbox.cloudAccess()) {
            Machine m = SandboxInstances.machine(sandbox, "web-1");
            Instance web = SandboxInstances.instance(sandbox, "web-1");
            try (PortForward forward = PortForward.open(access, web, null, 22, 0)) {
                // The host key as the instance's console prints it, for the forward's address: checked, not trusted blindly.
                String key = m.hostKeyConsole().stream().filter(l -> l.startsWith("key ")).findFirst().orElseThrow()
                        .substring(4);
                Path knownHosts = dir.resolve("known_hosts");
                Files.writeString(knownHosts, "[127.0.0.1]:" + forward.port() + " " + key + "\n");
                Process ssh = new ProcessBuilder("ssh", "-i", sandbox.keyFile().toString(), "-p",
                        Integer.toString(forward.port()), "-o", "StrictHostKeyChecking=yes", "-o",
                        "UserKnownHostsFile=" + knownHosts, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                        "ec2-user@127.0.0.1", "echo forwarded-$((6*7))").redirectErrorStream(true).start();
                String out = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(ssh.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(ssh.exitValue()).as(out).isZero();
                assertThat(out.lines().toList()).contains("forwarded-42");
                assertThat(List.of(forward.bytesSent(), forward.bytesReceived())).allSatisfy(n -> assertThat(n).isPositive());
            }
        }
    }
}
