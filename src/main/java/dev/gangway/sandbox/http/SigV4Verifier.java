package dev.gangway.sandbox.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Checks that a request carries a valid AWS Signature Version 4, as EC2 does. The expected
 * signature is computed by the SDK's own signer over the received request, so the sandbox never
 * re-implements SigV4; requests of the Java SDK, the AWS CLI and boto3 all pass.
 */
public final class SigV4Verifier {

    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]+)");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    /** What a verified request is: who signed it, for which region and service. */
    public record Signed(String accessKeyId, String region, String service) {
    }

    /** Why a request was refused, as an EC2 error code and message. */
    public static final class Rejected extends Exception {
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

    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private final String accessKeyId;
    private final String secretAccessKey;

    /** Accepts requests signed with this run's key only. */
    public SigV4Verifier(SandboxCredentials credentials) {
        this.accessKeyId = credentials.accessKeyId();
        this.secretAccessKey = credentials.secretAccessKey();
    }

    /** What a request's signature says, from its Authorization header or its query string (presigned). */
    private record Claim(String keyId, String date, String region, String service, List<String> signedHeaders,
                         String signature, Duration validFor, boolean presigned) {
    }

    /** The query parameters of a presigned request that are its signature, not part of what is signed. */
    private static final List<String> PRESIGN_PARAMS = List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token");

    /**
     * Checks the request's SigV4 signature, made in its Authorization header or in its query string
     * (a presigned URL, as Instance Connect Endpoint's WebSocket uses), with this run's key, within
     * 15 minutes of now (a presigned one: until it expires).
     */
    public Signed verify(String method, URI uri, Map<String, List<String>> headers, byte[] body) throws Rejected {
        List<String[]> query = query(uri.getRawQuery());
        Claim claim = queryValue(query, "X-Amz-Signature") != null ? presignedClaim(query) : headerClaim(headers);
        if (!MessageDigest.isEqual(accessKeyId.getBytes(StandardCharsets.US_ASCII),
                claim.keyId().getBytes(StandardCharsets.US_ASCII))) {
            throw new Rejected("AuthFailure", "AWS was not able to validate the provided access credentials",
                    UNKNOWN_KEY_JSON, "The security token included in the request is invalid.");
        }
        // The sandbox hands out long-term keys only: a session token cannot belong to one of them.
        if (header(headers, "X-Amz-Security-Token").isPresent() || queryValue(query, "X-Amz-Security-Token") != null) {
            throw new Rejected("AuthFailure", "The security token included in the request is invalid.",
                    UNKNOWN_KEY_JSON, "The security token included in the request is invalid.");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(claim.date(), AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Rejected("IncompleteSignature", "X-Amz-Date is not in the form yyyyMMddTHHmmssZ.");
        }
        // As AWS: a signature is good for 15 minutes either side of now (a presigned one from its date until
        // it expires), so a captured request cannot be replayed for the rest of the run. The real clock: the
        // world's may be set anywhere by a test.
        Instant now = Instant.now();
        boolean stale = claim.presigned()
                ? now.isAfter(signedAt.plus(claim.validFor())) || signedAt.isAfter(now.plus(MAX_SKEW))
                : signedAt.isBefore(now.minus(MAX_SKEW)) || signedAt.isAfter(now.plus(MAX_SKEW));
        if (stale) {
            throw new Rejected("RequestExpired", "Request has expired (signed at " + claim.date() + ").",
                    "InvalidSignatureException", "Signature expired: " + claim.date()
                            + " is now earlier or later than the time the signature is valid for.");
        }

        String host = header(headers, "Host").orElse(uri.getHost());
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol("http")
                .host(hostName(host))
                .port(hostPort(host))
                .encodedPath(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        for (String[] pair : query) {
            if (!claim.presigned() || !PRESIGN_PARAMS.contains(pair[0])) {
                request.appendRawQueryParameter(pair[0], pair[1]);
            }
        }
        for (String name : claim.signedHeaders()) {
            if (!name.equalsIgnoreCase("host")) {
                for (String value : headerValues(headers, name)) {
                    request.appendHeader(name, value);
                }
            }
        }
        SdkHttpFullRequest unsigned = request.contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build();
        String expected = claim.presigned()
                ? presign(unsigned, claim.service(), claim.region(), signedAt, claim.validFor())
                        .firstMatchingRawQueryParameter("X-Amz-Signature").orElse("")
                : sign(unsigned, claim.service(), claim.region(), signedAt).firstMatchingHeader("Authorization")
                        .map(a -> {
                            Matcher e = AUTH.matcher(a);
                            return e.find() ? e.group(6) : "";
                        })
                        .orElse("");
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                claim.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new Rejected("AuthFailure",
                    "AWS was not able to validate the provided access credentials (the request signature does not match)",
                    BAD_SIGNATURE_JSON, "The request signature we calculated does not match the signature you "
                            + "provided. Check your AWS Secret Access Key and signing method.");
        }
        return new Signed(claim.keyId(), claim.region(), claim.service());
    }

    private static Claim headerClaim(Map<String, List<String>> headers) throws Rejected {
        String authorization = header(headers, "Authorization").orElse(null);
        if (authorization == null) {
            throw new Rejected("MissingAuthenticationToken",
                    "Request must contain either a valid (registered) AWS access key ID or X.509 certificate.");
        }
        Matcher m = AUTH.matcher(authorization);
        if (!m.find()) {
            throw new Rejected("IncompleteSignature", "The request signature does not conform to AWS standards.");
        }
        String amzDate = header(headers, "X-Amz-Date").orElseThrow(() ->
                new Rejected("IncompleteSignature", "The request must contain the X-Amz-Date header."));
        return new Claim(m.group(1), amzDate, m.group(3), m.group(4), List.of(m.group(5).split(";")), m.group(6),
                null, false);
    }

    private static final Pattern CREDENTIAL = Pattern.compile("([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");

    private static Claim presignedClaim(List<String[]> query) throws Rejected {
        String algorithm = queryValue(query, "X-Amz-Algorithm");
        String credential = queryValue(query, "X-Amz-Credential");
        String date = queryValue(query, "X-Amz-Date");
        String expires = queryValue(query, "X-Amz-Expires");
        String signedHeaders = queryValue(query, "X-Amz-SignedHeaders");
        Matcher m = credential == null ? null : CREDENTIAL.matcher(credential);
        if (!"AWS4-HMAC-SHA256".equals(algorithm) || m == null || !m.matches() || date == null || expires == null
                || signedHeaders == null || !expires.matches("\\d{1,6}")) {
            throw new Rejected("IncompleteSignature", "The presigned request's X-Amz-* parameters are incomplete.");
        }
        long seconds = Long.parseLong(expires);
        if (seconds < 1 || seconds > 604_800) {
            throw new Rejected("AuthFailure", "X-Amz-Expires must be between 1 and 604800 seconds.");
        }
        return new Claim(m.group(1), date, m.group(3), m.group(4), List.of(signedHeaders.split(";")),
                queryValue(query, "X-Amz-Signature"), Duration.ofSeconds(seconds), true);
    }

    /** The query string's name/value pairs, decoded, in their order. */
    private static List<String[]> query(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                pairs.add(new String[] {
                    URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? null : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)});
            }
        }
        return pairs;
    }

    private static String queryValue(List<String[]> query, String name) {
        return query.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).findFirst().orElse(null);
    }

    /** As {@link #sign}, in the query string (a presigned URL) valid for {@code validFor} from {@code signedAt}. */
    @SuppressWarnings("deprecation")
    private SdkHttpFullRequest presign(SdkHttpFullRequest request, String service, String region, Instant signedAt,
            Duration validFor) {
        return Aws4Signer.create().presign(request, as(Aws4PresignerParams.builder(), service, region, signedAt)
                .expirationTime(signedAt.plus(validFor))
                .build());
    }

    /**
     * Signs the request as its sender should have, with the SDK's SigV4 signer that signs exactly the
     * headers it is given. (The SDK's newer {@code AwsV4HttpSigner} always adds and signs
     * {@code x-amz-content-sha256}, which the Java SDK sends but the AWS CLI and boto3 do not: the
     * expected signature of every CLI request came out wrong.)
     */
    @SuppressWarnings("deprecation")
    private SdkHttpFullRequest sign(SdkHttpFullRequest request, String service, String region, Instant signedAt) {
        return Aws4Signer.create().sign(request, as(Aws4SignerParams.builder(), service, region, signedAt).build());
    }

    /** {@code params} for this run's key, the claimed service and region, and the request's own date as the clock. */
    @SuppressWarnings("deprecation")
    private <B extends Aws4SignerParams.Builder<B>> B as(B params, String service, String region, Instant signedAt) {
        return params.awsCredentials(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
                .signingName(service)
                .signingRegion(Region.of(region))
                .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC));
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
