package dev.gangway.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.StartSessionResponse;

import dev.gangway.aws.CloudAccess;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.testsupport.SandboxInstances;

/**
 * A Session Manager shell against the sandbox's agent, through the real SDK (StartSession) and a
 * real WebSocket: a prompt, a command's answer, the terminal's size, the end.
 */
class SsmShellTest {

    @TempDir
    static Path data;
    static SandboxCloud sandbox;
    static CloudAccess access;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(data).withSshServers(false));
        access = sandbox.cloudAccess();
    }

    @AfterAll
    static void stop() {
        access.close();
        sandbox.close();
    }

    static String idOf(String name) {
        return sandbox.world().machines().stream().filter(m -> name.equals(m.name())).findFirst().orElseThrow().id();
    }

    static StartSessionResponse startSession(String name) {
        SsmClient ssm = access.ssm(SandboxCloud.PROFILE, "us-east-1");
        return ssm.startSession(r -> r.target(idOf(name)));
    }

    /** Everything the shell prints, read as it comes. */
    static final class Screen {
        final StringBuffer text = new StringBuffer();

        Screen(InputStream output) {
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try {
                    int n;
                    while ((n = output.read(buffer)) >= 0) {
                        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    text.append("[read failed: ").append(e.getMessage()).append(']');
                }
            }, "ssm-test-screen");
            reader.setDaemon(true);
            reader.start();
        }

        void await(String expected) throws Exception {
            try {
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text.indexOf(expected) >= 0);
            } catch (TimeoutException e) {
                throw new AssertionError("The screen did not show \"" + expected + "\" within 20 s; it shows:\n"
                        + text, e);
            }
        }
    }

    @Test
    void aShellAnswersKnowsItsSizeAndEnds() throws Exception {
        StartSessionResponse session = startSession("web-1");
        SsmShell shell = SsmShell.open(URI.create(session.streamUrl()), session.tokenValue().toCharArray(), 100, 30,
                Duration.ofSeconds(10));
        Screen screen = new Screen(shell.output());
        shell.input().write("echo $((6*7))\n".getBytes(StandardCharsets.US_ASCII));
        screen.await("42\r\n");
        shell.input().write("stty size\n".getBytes(StandardCharsets.US_ASCII));
        screen.await("30 100");
        shell.resize(132, 43);
        shell.input().write("stty size\n".getBytes(StandardCharsets.US_ASCII));
        screen.await("43 132");
        shell.input().write("printf 'h\\303\\251 \\342\\234\\223\\n'; echo 'gr\u00fc\u00dfe'\n".getBytes(StandardCharsets.UTF_8));
        screen.await("hé ✓");
        screen.await("grüße");
        shell.input().write("exit\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(shell.awaitEnd()).isZero();
        assertThat(shell.isOpen()).isFalse();
    }

    @Test
    void anotherSessionsTokenDoesNotOpenTheChannel() {
        StartSessionResponse mine = startSession("web-1");
        StartSessionResponse other = startSession("api-ubuntu");
        assertThatThrownBy(() -> SsmShell.open(URI.create(mine.streamUrl()), other.tokenValue().toCharArray(), 80, 24,
                Duration.ofSeconds(5))).isInstanceOf(IOException.class).hasMessageContaining("invalid token")
                .hasMessageContaining("Open the session again");
    }

    @Test
    void aTokenOpensOneDataChannelOnly() throws Exception {
        StartSessionResponse session = startSession("web-1");
        try (SsmShell first = SsmShell.open(URI.create(session.streamUrl()), session.tokenValue().toCharArray(), 80, 24,
                Duration.ofSeconds(10))) {
            assertThat(first.isOpen()).isTrue();
            assertThatThrownBy(() -> SsmShell.open(URI.create(session.streamUrl()), session.tokenValue().toCharArray(),
                    80, 24, Duration.ofSeconds(5))).isInstanceOf(IOException.class).hasMessageContaining("invalid token");
        }
    }

    /** A client that goes away mid-command (TerminateSession) leaves nothing running on the instance. */
    @Test
    void closingTheSessionEndsTheCommandAndWhatItStarted() throws Exception {
        String marker = "sleep 31" + System.nanoTime() % 1000;
        Instance web = SandboxInstances.instance(sandbox, "web-1");
        SsmShell shell = SsmShell.open(SsmSessions.start(access, web, "sh -c '" + marker + "'"),
                SsmSessions.service(access, web), 80, 24, Duration.ofSeconds(10));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> running(marker));
        shell.close();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !running(marker));
    }

    /**
     * A data channel sending what no client sends (random bytes, a truncated header, an empty frame,
     * text after the token, a frame over the size limit) is ignored or closed, and the sandbox goes
     * on serving: a shell opened before it and one opened after it both answer.
     */
    @Test
    void framesThatAreNotMessagesLeaveEveryOtherSessionServed() throws Exception {
        StartSessionResponse before = startSession("web-1");
        SsmShell first = SsmShell.open(URI.create(before.streamUrl()), before.tokenValue().toCharArray(), 80, 24,
                Duration.ofSeconds(10));
        Screen firstScreen = new Screen(first.output());

        StartSessionResponse garbled = startSession("web-1");
        CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(garbled.streamUrl()), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closedWith.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closedWith.complete(-1);
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"MessageSchemaVersion\":\"1.0\",\"RequestId\":\"" + UUID.randomUUID()
                + "\",\"TokenValue\":\"" + garbled.tokenValue() + "\"}", true).get(10, TimeUnit.SECONDS);
        Random random = new Random(24);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            socket.sendBinary(ByteBuffer.wrap(junk), true).get(10, TimeUnit.SECONDS);
        }
        byte[] truncatedHeader = new byte[116];
        truncatedHeader[3] = 116; // a header length that claims the whole frame, with no payload after it
        socket.sendBinary(ByteBuffer.wrap(truncatedHeader), true).get(10, TimeUnit.SECONDS);
        socket.sendBinary(ByteBuffer.allocate(0), true).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"not\":\"a message\"", true).get(10, TimeUnit.SECONDS);
        try {
            socket.sendBinary(ByteBuffer.allocate(1 << 20), true).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException closedWhileSending) {
            // The sandbox may close the channel on the frame's header, before all of it is sent.
        }
        assertThat(closedWith.get(20, TimeUnit.SECONDS)).as("a frame over the limit closes that channel only")
                .isIn(1009, 1006, -1);

        StartSessionResponse after = startSession("web-1");
        try (SsmShell second = SsmShell.open(URI.create(after.streamUrl()), after.tokenValue().toCharArray(), 80, 24,
                Duration.ofSeconds(10))) {
            Screen secondScreen = new Screen(second.output());
            second.input().write("echo $((7*8))\n".getBytes(StandardCharsets.US_ASCII));
            secondScreen.await("56\r\n");
        }
        first.input().write("echo $((6*7))\n".getBytes(StandardCharsets.US_ASCII));
        firstScreen.await("42\r\n");
        first.close();
    }

    static boolean running(String commandLine) {
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .anyMatch(c -> c.contains(commandLine) && !c.contains("bash -c"));
    }
}
