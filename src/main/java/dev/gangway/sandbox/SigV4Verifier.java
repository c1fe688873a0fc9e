package dev.gangway.sandbox;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Checks that a request carries a valid AWS Signature Version 4, as EC2 does. The expected
 * signature is computed by the SDK's own signer over the received request, so the sandbox never
 * re-implements SigV4; requests of the Java SDK, the AWS CLI and boto3 all pass.
 */
final class SigV4Verifier {

    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]+)");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    /** What a verified request is: who signed it, for which region and service. */
    record Signed(String accessKeyId, String region, String service) {
    }

    /** Why a request was refused, as an EC2 error code and message. */
    static final class Rejected extends Exception {
        final String code;
        /** What a service speaking AWS's JSON protocol (Instance Connect, SSM) answers instead. */
        final String jsonCode;
        final String jsonMessage;

        Rejected(String code, String message) {
            this(code, message, code, message);
        }

        Rejected(String code, String message, String jsonCode, String jsonMessage) {
            super(message);
            this.code = code;
            this.jsonCode = jsonCode;
            this.jsonMessage = jsonMessage;
        }
    }

    /** The JSON protocol's error codes for the same two refusals (EC2's Query protocol says AuthFailure). */
    static final String UNKNOWN_KEY_JSON = "UnrecognizedClientException";
    static final String BAD_SIGNATURE_JSON = "InvalidSignatureException";

    private static final java.time.Duration MAX_SKEW = java.time.Duration.ofMinutes(15);

    private final String accessKeyId;
    private final String secretAccessKey;

    /** Accepts requests signed with this run's key only. */
    SigV4Verifier(SandboxCredentials credentials) {
        this.accessKeyId = credentials.accessKeyId();
        this.secretAccessKey = credentials.secretAccessKey();
    }

    Signed verify(String method, URI uri, Map<String, List<String>> headers, byte[] body) throws Rejected {
        String authorization = header(headers, "Authorization").orElse(null);
        if (authorization == null) {
            throw new Rejected("MissingAuthenticationToken",
                    "Request must contain either a valid (registered) AWS access key ID or X.509 certificate.");
        }
        Matcher m = AUTH.matcher(authorization);
        if (!m.find()) {
            throw new Rejected("IncompleteSignature", "The request signature does not conform to AWS standards.");
        }
        String keyId = m.group(1);
        String region = m.group(3);
        String service = m.group(4);
        List<String> signedHeaders = List.of(m.group(5).split(";"));
        String signature = m.group(6);
        if (!MessageDigest.isEqual(accessKeyId.getBytes(StandardCharsets.US_ASCII),
                keyId.getBytes(StandardCharsets.US_ASCII))) {
            throw new Rejected("AuthFailure", "AWS was not able to validate the provided access credentials",
                    UNKNOWN_KEY_JSON, "The security token included in the request is invalid.");
        }
        String amzDate = header(headers, "X-Amz-Date").orElseThrow(() ->
                new Rejected("IncompleteSignature", "The request must contain the X-Amz-Date header."));
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Rejected("IncompleteSignature", "X-Amz-Date is not in the form yyyyMMddTHHmmssZ.");
        }
        // As AWS: a signature is good for 15 minutes either side of now, so a captured request cannot be
        // replayed for the rest of the run (the real clock: the world's may be set anywhere by a test).
        Instant now = Instant.now();
        if (signedAt.isBefore(now.minus(MAX_SKEW)) || signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw new Rejected("RequestExpired", "Request has expired (signed at " + amzDate + ", more than 15 "
                    + "minutes from the sandbox's clock).", "InvalidSignatureException", "Signature expired: "
                    + amzDate + " is now earlier or later than 15 minutes from the current time.");
        }

        String host = header(headers, "Host").orElse(uri.getHost());
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol("http")
                .host(hostName(host))
                .port(hostPort(host))
                .encodedPath(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                request.appendRawQueryParameter(
                        java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? null : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        for (String name : signedHeaders) {
            if (!name.equalsIgnoreCase("host")) {
                for (String value : headerValues(headers, name)) {
                    request.appendHeader(name, value);
                }
            }
        }
        SdkHttpFullRequest signed = sign(request.contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build(),
                service, region, signedAt);
        String expected = signed.firstMatchingHeader("Authorization")
                .map(a -> {
                    Matcher e = AUTH.matcher(a);
                    return e.find() ? e.group(6) : "";
                })
                .orElse("");
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new Rejected("AuthFailure",
                    "AWS was not able to validate the provided access credentials (the request signature does not match)",
                    BAD_SIGNATURE_JSON, "The request signature we calculated does not match the signature you "
                            + "provided. Check your AWS Secret Access Key and signing method.");
        }
        return new Signed(keyId, region, service);
    }

    /**
     * Signs the request as its sender should have, with the SDK's SigV4 signer that signs exactly the
     * headers it is given. (The SDK's newer {@code AwsV4HttpSigner} always adds and signs
     * {@code x-amz-content-sha256}, which the Java SDK sends but the AWS CLI and boto3 do not: the
     * expected signature of every CLI request came out wrong.)
     */
    @SuppressWarnings("deprecation")
    private SdkHttpFullRequest sign(SdkHttpFullRequest request, String service, String region, Instant signedAt) {
        return software.amazon.awssdk.auth.signer.Aws4Signer.create().sign(request,
                software.amazon.awssdk.auth.signer.params.Aws4SignerParams.builder()
                        .awsCredentials(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                accessKeyId, secretAccessKey))
                        .signingName(service)
                        .signingRegion(software.amazon.awssdk.regions.Region.of(region))
                        .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC))
                        .build());
    }

    private static String hostName(String host) {
        if (host.startsWith("[")) {
            return host.substring(1, host.indexOf(']'));
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static int hostPort(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.endsWith("]")) {
            return 80;
        }
        return Integer.parseInt(host.substring(colon + 1));
    }

    /** The first value of header {@code name}, its name compared ignoring case. */
    static Optional<String> first(Map<String, List<String>> headers, String name) {
        return header(headers, name);
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        List<String> values = headerValues(headers, name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static List<String> headerValues(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }
}
