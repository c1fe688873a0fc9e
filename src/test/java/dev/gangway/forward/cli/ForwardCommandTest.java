package dev.gangway.forward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.sandbox.ssm.SandboxDatabase;
import dev.gangway.sandbox.world.SeedWorld;
import dev.gangway.testsupport.CliRunner;

/** {@code gangway forward INSTANCE PORT}: the local address printed, a connection through it, a clean stop. */
class ForwardCommandTest {

    @TempDir
    Path home;
    final AtomicReference<ForwardCommand> command = new AtomicReference<>();
    final CliRunner<ForwardCommand> cli = new CliRunner<>("forward", ForwardCommand.class, command::set);

    @BeforeEach
    void isolate() {
        System.setProperty("gangway.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("gangway.home");
    }

    @Test
    void portTwentyTwoOfAnInstanceReachesItsSshServerUntilStopped() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("web-1", "22"));
        Pattern printed = Pattern.compile("Forwarding 127\\.0\\.0\\.1:(\\d+) to localhost:22 on web-1 \\(i-[0-9a-f]+\\) "
                + "over Session Manager");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> printed.matcher(cli.out()).find() || exit.isDone());
        Matcher m = printed.matcher(cli.out());
        assertThat(m.find()).as(cli.out() + cli.err()).isTrue();
        assertThat(cli.out()).contains("Press Ctrl+C to stop.");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)))) {
            InputStream in = s.getInputStream();
            assertThat(new String(in.readNBytes(8), StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0-");
        }
        command.get().stop.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    /** The RDS endpoint db-debian reaches: the sandbox's stand-in database greets, then sends lines back. */
    @Test
    void aHostTheInstanceReachesAnswersThroughTheForward() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("db-debian", "5432", "--to",
                SeedWorld.DATABASE_HOST));
        Pattern printed = Pattern.compile("Forwarding 127\\.0\\.0\\.1:(\\d+) to " + Pattern.quote(SeedWorld.DATABASE_HOST)
                + ":5432 on db-debian");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> printed.matcher(cli.out()).find() || exit.isDone());
        Matcher m = printed.matcher(cli.out());
        assertThat(m.find()).as(cli.out() + cli.err()).isTrue();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)));
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo(SandboxDatabase.GREETING);
            s.getOutputStream().write("SELECT 42;\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("SELECT 42;");
        }
        command.get().stop.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    /** db-debian has only a private address; the endpoint in its subnet carries port 22 to it. */
    @Test
    void throughTheInstanceConnectEndpointPortTwentyTwoOfAPrivateInstanceAnswers() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("db-debian", "22", "--via",
                "eice"));
        Pattern printed = Pattern.compile("Forwarding 127\\.0\\.0\\.1:(\\d+) to 172\\.31\\.10\\.40:22 on db-debian "
                + "\\(i-[0-9a-f]+\\) through Instance Connect Endpoint eice-[0-9a-f]+\\.");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> printed.matcher(cli.out()).find() || exit.isDone());
        Matcher m = printed.matcher(cli.out());
        assertThat(m.find()).as(cli.out() + cli.err()).isTrue();
        for (int i = 0; i < 2; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)))) {
                assertThat(new String(s.getInputStream().readNBytes(8), StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0-");
            }
        }
        command.get().stop.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void theEndpointsRefusalIsSaidAndNothingListens() {
        assertThat(cli.run("db-debian", "5432", "--via", "eice")).isEqualTo(1);
        assertThat(cli.err()).contains("refused the tunnel to port 5432").contains("22 and 3389");
        assertThat(cli.run("db-debian", "5432", "--via", "eice", "--to", SeedWorld.DATABASE_HOST)).isEqualTo(2);
        assertThat(cli.err()).contains("reaches the instance's own ports only");
        assertThat(cli.run("db-debian", "22", "--via", "direct")).isEqualTo(2);
        assertThat(cli.err()).contains("--via ssm").contains("--via eice");
    }

    /** As ssh's ProxyCommand: the instance's SSH server through standard output, and the end of input ends it. */
    @Test
    void stdioCarriesTheConnectionThroughStandardInputAndOutput() throws Exception {
        for (String via : new String[] {"eice", "ssm"}) {
            java.io.PipedOutputStream toRemote = new java.io.PipedOutputStream();
            java.io.PipedInputStream stdin = new java.io.PipedInputStream(toRemote);
            java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
            CliRunner<ForwardCommand> piped = new CliRunner<>("forward", ForwardCommand.class, c -> {
                c.stdin = stdin;
                c.stdout = stdout;
            });
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> piped.run("db-debian", "22", "--via",
                    via, "--stdio"));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> stdout.toString(StandardCharsets.US_ASCII)
                    .startsWith("SSH-2.0-") || exit.isDone());
            assertThat(stdout.toString(StandardCharsets.US_ASCII)).as(via + piped.err()).startsWith("SSH-2.0-");
            toRemote.write("SSH-2.0-test\r\n".getBytes(StandardCharsets.US_ASCII));
            toRemote.close();
            assertThat(exit.get(30, TimeUnit.SECONDS)).as(via + piped.err()).isZero();
            assertThat(piped.out()).as("nothing but the connection's bytes on standard output").isEmpty();
        }
        assertThat(cli.run("db-debian", "22", "--stdio", "--local", "2222")).isEqualTo(2);
        assertThat(cli.err()).contains("drop --local");
    }

    @Test
    void aPortOutOfRangeIsABadArgument() {
        assertThat(cli.run("web-1", "70000")).isEqualTo(2);
        assertThat(cli.err()).contains("Ports are 1 to 65535");
    }
}
