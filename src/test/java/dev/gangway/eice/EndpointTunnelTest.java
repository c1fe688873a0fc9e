package dev.gangway.eice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.testsupport.SandboxInstances;

/**
 * Tunnels through the sandbox's Instance Connect Endpoint: OpenSSH's ssh through one to db-debian,
 * which has only a private address; presigned URLs checked as AWS checks them (botocore's accepted,
 * an expired, tampered or wrongly scoped one refused); the endpoint's refusals said in words.
 */
class EndpointTunnelTest {

    @TempDir
    static Path dir;
    static SandboxCloud sandbox;
    static CloudAccess access;

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox")));
        access = sandbox.cloudAccess();
    }

    @AfterAll
    static void stop() {
        access.close();
        sandbox.close();
    }

    @Test
    void opensshThroughTheEndpointReachesAPrivateOnlyInstanceTwice() throws Exception {
        Machine m = SandboxInstances.machine(sandbox, "db-debian");
        Instance db = SandboxInstances.instance(sandbox, "db-debian");
        assertThat(m.publicIp).isNull();
        try (EndpointTunnel tunnel = EndpointTunnel.open(access, db, 22, 0)) {
            assertThat(tunnel.endpoint().subnetId()).isEqualTo(m.subnetId);
            assertThat(tunnel.destination()).isEqualTo(m.privateIp + ":22");
            String key = m.hostKeyConsole().stream().filter(l -> l.startsWith("key ")).findFirst().orElseThrow()
                    .substring(4);
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + tunnel.port() + " " + key + "\n");
            // Two connections, one after the other: each gets a WebSocket (and a presigned URL) of its own.
            for (int i = 1; i <= 2; i++) {
                Process ssh = new ProcessBuilder("ssh", "-i", sandbox.keyFile().toString(), "-p",
                        Integer.toString(tunnel.port()), "-o", "StrictHostKeyChecking=yes", "-o",
                        "UserKnownHostsFile=" + knownHosts, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                        m.osUser() + "@127.0.0.1", "echo through-the-endpoint-" + i).redirectErrorStream(true).start();
                String out = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(ssh.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(ssh.exitValue()).as(out).isZero();
                assertThat(out.lines().toList()).contains("through-the-endpoint-" + i);
            }
            assertThat(List.of(tunnel.bytesSent(), tunnel.bytesReceived())).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(tunnel.failure()).isEmpty();
        }
        assertThat(sandbox.world().calls("OpenTunnel")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aUrlPresignedByBotocoreIsAccepted() throws Exception {
        assumeTrue(new ProcessBuilder("python3", "-c", "import botocore").start().waitFor() == 0,
                "botocore is not installed here");
        Machine m = SandboxInstances.machine(sandbox, "db-debian");
        String endpointId = sandbox.world().connectEndpoints().in("us-east-1").get(0).id();
        String unsigned = sandbox.endpoint() + "/openTunnel?instanceConnectEndpointId=" + endpointId
                + "&remotePort=22&privateIpAddress=" + m.privateIp;
        // botocore's SigV4QueryAuth, as the AWS CLI's open-tunnel presigns; the key goes in on stdin, never argv.
        Process python = new ProcessBuilder("python3", "-c", String.join("\n",
                "import sys",
                "from botocore.auth import SigV4QueryAuth",
                "from botocore.awsrequest import AWSRequest",
                "from botocore.credentials import Credentials",
                "key, secret = sys.stdin.read().split()",
                "request = AWSRequest(method='GET', url=sys.argv[1])",
                "SigV4QueryAuth(Credentials(key, secret), 'ec2-instance-connect', 'us-east-1', expires=60)"
                        + ".add_auth(request)",
                "print(request.url)"), unsigned).start();
        AwsCredentials creds = sandbox.credentials().resolveCredentials();
        python.getOutputStream().write((creds.accessKeyId() + " " + creds.secretAccessKey()).getBytes(
                StandardCharsets.US_ASCII));
        python.getOutputStream().close();
        String signed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(signed).contains("X-Amz-Signature=");
        assertThat(firstBytes(URI.create(signed.replaceFirst("^http", "ws")))).startsWith("SSH-2.0-");
    }

    @Test
    void anExpiredTamperedOrWronglyScopedUrlIsRefused() throws Exception {
        Machine m = SandboxInstances.machine(sandbox, "db-debian");
        String endpointId = sandbox.world().connectEndpoints().in("us-east-1").get(0).id();
        URI base = URI.create("ws://" + sandbox.endpoint().getRawAuthority());
        AwsCredentials creds = sandbox.credentials().resolveCredentials();
        URI good = TunnelUrl.presign(base, endpointId, 22, m.privateIp, null, creds, "us-east-1", Clock.systemUTC());
        assertThat(firstBytes(good)).startsWith("SSH-2.0-");

        Clock twoMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(2)), ZoneOffset.UTC);
        URI expired = TunnelUrl.presign(base, endpointId, 22, m.privateIp, null, creds, "us-east-1", twoMinutesAgo);
        assertThat(refusal(expired)).isEqualTo(403);
        URI tampered = URI.create(good.toString().replace("remotePort=22", "remotePort=3389"));
        assertThat(refusal(tampered)).isEqualTo(403);
        URI otherRegion = TunnelUrl.presign(base, endpointId, 22, m.privateIp, null, creds, "eu-west-3",
                Clock.systemUTC());
        assertThat(refusal(otherRegion)).isEqualTo(404);
        URI otherPort = TunnelUrl.presign(base, endpointId, 5432, m.privateIp, null, creds, "us-east-1",
                Clock.systemUTC());
        assertThat(refusal(otherPort)).isEqualTo(400);
    }

    @Test
    void aVpcWithoutAnEndpointIsSaidBeforeAnythingListens() {
        Instance ipv6Only = SandboxInstances.instance(sandbox, "ipv6-only");
        assertThatThrownBy(() -> EndpointTunnel.open(access, ipv6Only, 22, 0))
                .isInstanceOf(CloudException.class)
                .hasMessageContaining("has no Instance Connect Endpoint in its VPC")
                .hasMessageContaining("Session Manager");
    }

    @Test
    void aPortTheEndpointDoesNotCarryIsRefusedInWords() {
        Instance db = SandboxInstances.instance(sandbox, "db-debian");
        assertThatThrownBy(() -> EndpointTunnel.open(access, db, 5432, 0))
                .isInstanceOf(CloudException.class)
                .hasMessageContaining("refused the tunnel to port 5432")
                .hasMessageContaining("22 and 3389")
                .hasMessageNotContaining("X-Amz");
    }

    @Test
    void aPortNobodyListensOnEndsTheConnectionWithTheEndpointsReason() throws Exception {
        Instance win = SandboxInstances.instance(sandbox, "win-app");
        try (EndpointTunnel tunnel = EndpointTunnel.open(access, win, 3389, 0);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), tunnel.port())) {
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(tunnel.failure()).hasValueSatisfying(f -> assertThat(f).contains("Failed to connect to")
                    .contains(":3389"));
        }
    }

    /** What the endpoint sends first through a tunnel opened at {@code url} (the SSH server's banner). */
    private static String firstBytes(URI url) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                first.complete(new String(b, StandardCharsets.US_ASCII));
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            return first.get(10, TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
    }

    /** The HTTP status an upgrade to {@code url} is refused with. */
    private static int refusal(URI url) throws Exception {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

}
