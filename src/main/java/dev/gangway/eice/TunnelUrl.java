package dev.gangway.eice;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The presigned URL of an Instance Connect Endpoint tunnel ({@code /openTunnel}), as the AWS CLI
 * makes it: the endpoint, the port and the instance's private address in the query, presigned with
 * SigV4 for the service {@code ec2-instance-connect} by the SDK's signer, valid for 60 seconds (the
 * time to connect, not the tunnel's life).
 */
public final class TunnelUrl {

    /** The service name the URL is signed for. */
    public static final String SERVICE = "ec2-instance-connect";
    /** How long a presigned URL may be used to connect. */
    public static final Duration EXPIRES = Duration.ofSeconds(60);

    private TunnelUrl() {
    }

    /**
     * {@code base} ({@code wss://<endpoint's DNS name>}, or the sandbox's {@code ws://127.0.0.1:port})
     * with the path, query and signature.
     *
     * @param maxDuration the tunnel's longest life (1 s to 1 hour), or null for AWS's default (1 hour)
     */
    public static URI presign(URI base, String endpointId, int remotePort, String privateAddress, Duration maxDuration,
            AwsCredentialsIdentity credentials, String region, Clock clock) {
        // Signed as the https/http URL it upgrades from: the signature covers the host and the query only.
        String scheme = "wss".equals(base.getScheme()) ? "https" : "http";
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol(scheme)
                .host(base.getHost())
                .encodedPath("/openTunnel")
                .appendRawQueryParameter("instanceConnectEndpointId", endpointId)
                .appendRawQueryParameter("remotePort", Integer.toString(remotePort))
                .appendRawQueryParameter("privateIpAddress", privateAddress);
        if (base.getPort() > 0) {
            request.port(base.getPort());
        }
        if (maxDuration != null) {
            request.appendRawQueryParameter("maxTunnelDuration", Long.toString(maxDuration.toSeconds()));
        }
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials)
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, EXPIRES)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)).request();
        URI https = signed.getUri();
        return URI.create(base.getScheme() + https.toString().substring(scheme.length()));
    }
}
