package dev.gangway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * SigV4 as AWS checks it, beyond the Authorization header: presigned URLs (the form Instance
 * Connect Endpoint's WebSocket uses), made by the SDK's own presigner, are taken until they expire
 * and refused when changed or expired; a session token, which no sandbox key has, is refused.
 */
class SandboxSignaturesTest extends ApiSandboxTest {


    /** A GET of {@code query}, presigned with this run's key at {@code signedAt}, valid for {@code valid}. */
    private static URI presigned(String query, Instant signedAt, Duration valid) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(sandbox.endpoint() + "/?" + query)).build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(sandbox.accessKey().accessKeyId(),
                        sandbox.accessKey().secretAccessKey()))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, valid)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().getUri();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPresignedUrlIsTakenUntilItExpires() throws Exception {
        URI url = presigned("Action=DescribeRegions&Version=2016-11-15", Instant.now(), Duration.ofMinutes(5));
        assertThat(url.getRawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
        HttpResponse<String> answer = get(url);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<regionName>us-east-1</regionName>");
    }

    @Test
    void aChangedPresignedUrlIsRefused() throws Exception {
        URI url = presigned("Action=DescribeRegions&Version=2016-11-15", Instant.now(), Duration.ofMinutes(5));
        URI changed = URI.create(url.toString().replace("Action=DescribeRegions", "Action=DescribeInstances"));
        HttpResponse<String> answer = get(changed);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("<Code>AuthFailure</Code>").contains("signature does not match");
    }

    @Test
    void anExpiredPresignedUrlIsRefused() throws Exception {
        URI url = presigned("Action=DescribeRegions&Version=2016-11-15", Instant.now().minus(Duration.ofMinutes(10)),
                Duration.ofMinutes(1));
        HttpResponse<String> answer = get(url);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("<Code>RequestExpired</Code>");
    }

    @Test
    void aSessionTokenIsRefusedForTheSandboxHandsOutNone() {
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        sandbox.accessKey().accessKeyId(), sandbox.accessKey().secretAccessKey(), "a-session-token")))
                .build()) {
            assertThatThrownBy(ec2::describeRegions).isInstanceOf(Ec2Exception.class)
                    .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorMessage())
                            .contains("security token included in the request is invalid"));
        }
    }
}
