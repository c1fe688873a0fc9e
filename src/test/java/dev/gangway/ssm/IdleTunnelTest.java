package dev.gangway.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.aws.CloudAccess;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.ManagedNode;
import dev.gangway.ssm.protocol.SmuxFrame;
import dev.gangway.testsupport.EchoServer;
import dev.gangway.testsupport.SandboxInstances;

/**
 * Idle tunnels stay up for 75 of smux's seconds, past its 30 s keepalive timeout and the agent's
 * second look at it (its check runs every 30 s, so a silent session ends at about 60 s), with those
 * seconds 100 ms long on both sides here (SmuxFrame.keepAliveUnit), so the test waits 7.5 s: with a current agent
 * (keepalive off on both sides) and with an agent that keeps smux's keepalive on (3.1.1188.0: Gangway
 * sends NOPs as the plugin does). The control: with an agent whose keepalive is on while the
 * version rules say the client's is off (the mismatch of session-manager-plugin#93), the sandbox's
 * agent ends the idle session, as the real one does.
 */
class IdleTunnelTest {

    @TempDir
    Path data;

    /** One of smux's keepalive seconds lasts 100 ms here, on both sides (SmuxFrame.keepAliveUnit). */
    @BeforeEach
    void smuxSecondsOfATenth() {
        System.setProperty("gangway.smuxSecondMillis", "100");
    }

    @AfterEach
    void smuxSecondsOfASecond() {
        System.clearProperty("gangway.smuxSecondMillis");
    }

    @Test
    void anIdleTunnelStillWorksPastSmuxsKeepaliveTimeout() throws Exception {
        try (SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(data).withSshServers(false));
             CloudAccess access = sandbox.cloudAccess();
             EchoServer echo = new EchoServer()) {
            Instance current = agent(sandbox, "web-1", null, echo);
            Instance keepAlive = agent(sandbox, "api-ubuntu", "3.1.1188.0", echo);
            Instance mismatched = agent(sandbox, "closed-box", "3.1.1560.0", echo);
            try (PortForward a = PortForward.open(access, current, null, 5432, 0);
                 PortForward b = PortForward.open(access, keepAlive, null, 5432, 0);
                 PortForward c = PortForward.open(access, mismatched, null, 5432, 0);
                 Socket heldA = new Socket(InetAddress.getLoopbackAddress(), a.port());
                 Socket heldB = new Socket(InetAddress.getLoopbackAddress(), b.port())) {
                assertThat(echoes(heldA, "before")).isTrue();
                assertThat(echoes(heldB, "before")).isTrue();
                // Nothing at all goes through for 75 of smux's seconds (7.5 s): the point of the test
                // is the waiting.
                new CountDownLatch(1).await(75 * SmuxFrame.keepAliveUnit(), TimeUnit.MILLISECONDS);
                assertThat(a.isOpen()).isTrue();
                assertThat(b.isOpen()).isTrue();
                // The connections held open across the idle time, and new ones, still carry bytes.
                assertThat(echoes(heldA, "after")).isTrue();
                assertThat(echoes(heldB, "after")).isTrue();
                try (Socket fresh = new Socket(InetAddress.getLoopbackAddress(), b.port())) {
                    assertThat(echoes(fresh, "new")).isTrue();
                }
                // The control: the agent expected NOPs the version rules told the client not to send.
                assertThat(c.isOpen()).isFalse();
            }
        }
    }

    /** Instance {@code name}, its agent {@code version} (null: the seed's), its port 5432 the echo service. */
    private static Instance agent(SandboxCloud sandbox, String name, String version, EchoServer echo) {
        Instance instance = SandboxInstances.instance(sandbox, name);
        SandboxWorld world = sandbox.world();
        if (version != null) {
            ManagedNode n = world.managedNode(instance.id()).orElseThrow();
            world.registerManagedNode(new ManagedNode(n.id(), n.region(), n.name(), n.platformType(), n.platformName(),
                    n.ipAddress(), n.online(), n.ec2(), version));
        }
        world.exposeService(instance.id(), 5432, echo.port());
        return instance;
    }

    private static boolean echoes(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes());
        s.setSoTimeout(20_000);
        return text.equals(new String(s.getInputStream().readNBytes(text.length())));
    }
}
