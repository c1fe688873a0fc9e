package dev.gangway.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.aws.CloudAccess;
import dev.gangway.common.LocalPeers;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.SandboxWorld.ChannelFaults;
import dev.gangway.ssm.protocol.PortMode;
import dev.gangway.testsupport.EchoServer;
import dev.gangway.testsupport.SandboxInstances;

/**
 * Session Manager port forwarding against the sandbox's agent: many connections at once through
 * one forward (smux), byte for byte, each closed alone, a destination nothing listens on.
 */
class PortForwardTest {

    @TempDir
    static Path data;
    static SandboxCloud sandbox;
    static CloudAccess access;
    static EchoServer echo;
    static Instance web;
    /** Its agent (3.0.161.0) predates smux. */
    static Instance old;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(data).withSshServers(false));
        access = sandbox.cloudAccess();
        echo = new EchoServer();
        web = SandboxInstances.instance(sandbox, "web-1");
        String id = web.id();
        // web-1's "database" on 5432 is the test's echo service.
        sandbox.world().exposeService(id, 5432, echo.port());
        old = SandboxInstances.instance(sandbox, "sydney-web");
        sandbox.world().exposeService(old.id(), 5432, echo.port());
    }

    @AfterAll
    static void stop() throws IOException {
        echo.close();
        access.close();
        sandbox.close();
    }

    @AfterEach
    void calm() {
        sandbox.world().disturbSessionChannels(ChannelFaults.NONE, ChannelFaults.NONE);
    }

    /** Sends {@code bytes} random bytes through a new connection and checks they all come back. */
    static Callable<Boolean> roundTrip(int port, int bytes, long seed) {
        return () -> {
            byte[] sent = new byte[bytes];
            new Random(seed).nextBytes(sent);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = s.getOutputStream();
                Thread writer = new Thread(() -> {
                    try {
                        out.write(sent);
                        out.flush();
                    } catch (IOException e) {
                        // the reader notices
                    }
                });
                writer.start();
                InputStream in = s.getInputStream();
                byte[] got = in.readNBytes(bytes);
                writer.join();
                return MessageDigest.isEqual(sha256(got), sha256(sent));
            }
        };
    }

    static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void eightConnectionsAtOnceArriveByteForByte() throws Exception {
        try (PortForward forward = PortForward.open(access, web, null, 5432, 0)) {
            assertThat(forward.host()).isEqualTo("127.0.0.1");
            assertThat(forward.destination()).isEqualTo("localhost:5432");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(roundTrip(forward.port(), 2 << 20, i)));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(120, TimeUnit.SECONDS)).isTrue();
            }
            pool.shutdown();
            assertThat(forward.bytesSent()).isEqualTo(8L * (2 << 20));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> forward.bytesReceived() == 8L * (2 << 20));
        }
    }

    /**
     * An agent too old for smux gets the basic mode, as AWS's plugin chooses it: connections take
     * turns, each carried whole, the next one served once the one before has ended.
     */
    @Test
    void anAgentTooOldForSmuxCarriesOneConnectionAtATime() throws Exception {
        try (PortForward forward = PortForward.open(access, old, null, 5432, 0)) {
            assertThat(forward.mode()).isEqualTo(PortMode.BASIC);
            assertThat(roundTrip(forward.port(), 256 << 10, 1).call()).isTrue();
            try (Socket first = new Socket(InetAddress.getLoopbackAddress(), forward.port());
                 Socket second = new Socket(InetAddress.getLoopbackAddress(), forward.port())) {
                first.getOutputStream().write("one".getBytes());
                assertThat(new String(first.getInputStream().readNBytes(3))).isEqualTo("one");
                second.getOutputStream().write("two".getBytes());
                // The second waits for its turn: nothing yet, then its own bytes once the first has gone.
                second.setSoTimeout(1000);
                assertThatThrownBy(() -> second.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                first.close();
                second.setSoTimeout(20_000);
                assertThat(new String(second.getInputStream().readNBytes(3))).isEqualTo("two");
            }
            assertThat(roundTrip(forward.port(), 64 << 10, 2).call()).isTrue();
            assertThat(forward.isOpen()).isTrue();
        }
        try (PortForward forward = PortForward.open(access, web, null, 5432, 0)) {
            assertThat(forward.mode()).isEqualTo(PortMode.MULTIPLEXED);
        }
    }

    /** 8 connections of 25 MB each way, byte for byte, while 5 % of the channel's messages are dropped and 5 % reordered. */
    @Test
    void aLossyChannelStillCarriesEveryByte() throws Exception {
        ChannelFaults lossy = new ChannelFaults(0.05, 0, 0.05);
        sandbox.world().disturbSessionChannels(lossy, lossy);
        try (PortForward forward = PortForward.open(access, web, null, 5432, 0)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(roundTrip(forward.port(), 25 << 20, 100 + i)));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(600, TimeUnit.SECONDS)).isTrue();
            }
            pool.shutdown();
        }
    }

    /** The channel drops mid-transfer: the session is resumed and the connections riding it never notice. */
    @Test
    void connectionsSurviveADroppedChannel() throws Exception {
        try (PortForward forward = PortForward.open(access, web, null, 5432, 0);
             Socket held = new Socket(InetAddress.getLoopbackAddress(), forward.port())) {
            held.getOutputStream().write("before".getBytes());
            assertThat(new String(held.getInputStream().readNBytes(6))).isEqualTo("before");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<Boolean> big = pool.submit(roundTrip(forward.port(), 8 << 20, 31));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> forward.bytesReceived() > (1 << 20));
            assertThat(sandbox.cutSessionManagerChannels()).isGreaterThanOrEqualTo(1);
            assertThat(big.get(120, TimeUnit.SECONDS)).isTrue();
            pool.shutdown();
            held.getOutputStream().write("after".getBytes());
            assertThat(new String(held.getInputStream().readNBytes(5))).isEqualTo("after");
            assertThat(forward.isOpen()).isTrue();
            assertThat(forward.resumes()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aConnectionClosedOnOneEndClosesOnlyItself() throws Exception {
        try (PortForward forward = PortForward.open(access, web, null, 5432, 0);
             Socket first = new Socket(InetAddress.getLoopbackAddress(), forward.port());
             Socket second = new Socket(InetAddress.getLoopbackAddress(), forward.port())) {
            first.getOutputStream().write("one".getBytes());
            second.getOutputStream().write("two".getBytes());
            assertThat(new String(first.getInputStream().readNBytes(3))).isEqualTo("one");
            assertThat(new String(second.getInputStream().readNBytes(3))).isEqualTo("two");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> forward.openConnections() == 2);
            first.close();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> forward.openConnections() == 1);
            second.getOutputStream().write("still".getBytes());
            assertThat(new String(second.getInputStream().readNBytes(5))).isEqualTo("still");
            assertThat(forward.isOpen()).isTrue();
        }
    }

    /**
     * Another OS user of the machine cannot use the tunnel: the kernel names the connecting socket's
     * owner, and the forward closes it unanswered. (Needs root to connect as another user: CI is.)
     */
    @Test
    void anotherUsersConnectionIsRefused() throws Exception {
        Assumptions.assumeTrue(LocalPeers.ownUid().orElse(-1) == 0, "connecting as another user needs root");
        try (PortForward forward = PortForward.open(access, web, null, 5432, 0)) {
            // bash's /dev/tcp as user nobody: it sends, then prints whatever comes back until the end.
            String client = "exec 3<>/dev/tcp/127.0.0.1/" + forward.port() + " && printf secret >&3 && timeout 10 cat <&3; "
                    + "echo end";
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/bin/bash",
                    "-c", client).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // Closed unanswered: nothing of what it sent came back from the echo service.
            assertThat(out).endsWith("end").doesNotContain("secret");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> forward.otherUsersRefused() == 1);
            // This user's own connections go on working.
            assertThat(roundTrip(forward.port(), 1000, 7).call()).isTrue();
            assertThat(forward.bytesSent()).isEqualTo(1000);
        }
    }

    @Test
    void aDestinationNothingListensOnClosesTheConnectionAndIsCounted() throws Exception {
        try (PortForward forward = PortForward.open(access, web, null, 6379, 0);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), forward.port())) {
            s.getOutputStream().write("PING\r\n".getBytes());
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> forward.refusedConnections() == 1);
            assertThat(forward.isOpen()).isTrue();
        }
    }
}
