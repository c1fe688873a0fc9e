package dev.gangway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * WebSockets on the sandbox's own port, as Session Manager's and Instance Connect Endpoint's
 * streams will use them, opened with the JDK's client (the one Gangway's Session Manager uses);
 * the EC2 API keeps answering on the same port, and a web page's upgrade is refused.
 */
public class SandboxWebSocketTest extends ApiSandboxTest {

    @BeforeAll
    static void registerEcho() {
        sandbox.webSocket("/test/echo", Echo::new);
    }

    /** Answers each text message with "echo: " and the message. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText("echo: " + message, Callback.NOOP);
        }
    }

    private static URI echo() {
        return URI.create("ws://127.0.0.1:" + sandbox.endpoint().getPort() + "/test/echo");
    }

    @Test
    void aWebSocketOpensOnTheEndpointsPortAndCarriesMessagesBothWays() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(echo(), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
                received.complete(text.toString());
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("echo: hello");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        // The API answers on the same port meanwhile.
        try (var ec2 = Ec2Client.builder().endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(sandbox.credentials())
                .build()) {
            assertThat(ec2.describeRegions().regions()).isNotEmpty();
        }
    }

    @Test
    void anUpgradeFromAWebPageIsRefused() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "https://attacker.example")
                .buildAsync(echo(), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
    }
}
