package dev.gangway.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.testsupport.SandboxInstances;

/** EC2's waiters as Gangway uses them: a start that runs, and one that cannot, said in words. */
class Ec2WaitsTest {

    @TempDir
    static Path dir;
    static SandboxCloud sandbox;
    static CloudAccess access;

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox")).withSshServers(false));
        access = sandbox.cloudAccess();
    }

    @AfterAll
    static void stop() {
        access.close();
        sandbox.close();
    }

    @Test
    void aStartedInstanceIsWaitedForAndATerminatedOneIsSaidToBeSo() throws Exception {
        Instance batch = SandboxInstances.instance(sandbox, "rhel-batch");
        Ec2Calls ec2 = new Ec2Calls(access);
        ec2.start(batch);
        ec2.awaitRunning(batch, Duration.ofMillis(200), Duration.ofSeconds(20));
        assertThat(SandboxInstances.machine(sandbox, "rhel-batch").state()).isEqualTo(InstanceState.RUNNING);

        Instance gone = SandboxInstances.instance(sandbox, "old-bastion");
        assertThatThrownBy(() -> ec2.awaitRunning(gone, Duration.ofMillis(200), Duration.ofSeconds(20)))
                .isInstanceOf(CloudException.class).hasMessageContaining("old-bastion (i-")
                .hasMessageContaining("did not reach the running state: it went on to a state it does not run from");
    }
}
