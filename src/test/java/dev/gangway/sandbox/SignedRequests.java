package dev.gangway.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests a client library would never send, signed with the sandbox's key by the SDK's own
 * signer and written as raw HTTP, so that only their content is wrong. Answers are read whole.
 */
final class SignedRequests {

    private SignedRequests() {
    }

    /** A POST of {@code body} signed for {@code service} in us-east-1 at {@code signedAt}; the raw answer. */
    static String post(SandboxCloud sandbox, String service, String contentType, String target, byte[] body,
            Instant signedAt) throws IOException {
        var builder = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST).uri(sandbox.endpoint())
                .putHeader("Content-Type", contentType);
        if (target != null) {
            builder.putHeader("X-Amz-Target", target);
        }
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(
                        sandbox.accessKey().accessKeyId(), sandbox.accessKey().secretAccessKey()))
                .request(builder.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        StringBuilder headers = new StringBuilder();
        signed.request().forEachHeader((name, values) -> values.forEach(v -> headers.append(name).append(": ")
                .append(v).append("\r\n")));
        return raw(sandbox, headers.toString(), body);
    }

    /** {@code headers} (each ending in CRLF) and {@code body} as one POST; the raw answer. */
    static String raw(SandboxCloud sandbox, String headers, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", sandbox.endpoint().getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\n" + headers + "Content-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before it has read a body it refuses
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // A server that refused a body it did not read may reset the connection after its answer.
                if (answer.size() == 0) {
                    throw e;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
