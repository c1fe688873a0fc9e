package dev.gangway.sandbox.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.Fault;

/**
 * The sandbox's AWS API behind its one HTTP listener: what every request goes through, whichever
 * service it is for. It checks the SigV4 signature (the region comes from its credential scope),
 * gives each request an id, answers a region's injected fault, holds the answer for the configured
 * latency, and routes: an {@code X-Amz-Target} header to a JSON API (Instance Connect, SSM, KMS), a
 * request signed for IAM or STS to theirs, anything else to EC2's Query API.
 */
public final class SandboxApi {

    /** Text after the JSON value is refused, as AWS refuses it, instead of being ignored. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Logger LOG = Logger.getLogger(SandboxApi.class.getName());
    private static final String XML_TYPE = "text/xml;charset=UTF-8";

    private final SandboxWorld world;
    private final SigV4Verifier verifier;
    private final QueryApi ec2;
    /** The other Query APIs by the service their requests are signed for ("iam", "sts"). */
    private final Map<String, QueryApi> queryApis;
    /** The JSON APIs by their X-Amz-Target prefix ("AmazonSSM", "AWSEC2InstanceConnectService"). */
    private final Map<String, JsonApi> jsonApis;
    private final Duration latency;
    /** Calls per region, for {@link Fault#THROTTLING_HALF}. */
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    /** Released when the sandbox stops: {@link Fault#NO_ANSWER} holds its calls until then or until lifted. */
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** How many calls {@link Fault#NO_ANSWER} may hold at once; others get its 503 at once. */
    private final Semaphore held = new Semaphore(8);

    public SandboxApi(SandboxWorld world, SigV4Verifier verifier, QueryApi ec2, Map<String, QueryApi> queryApis,
            Map<String, JsonApi> jsonApis, Duration latency) {
        this.world = world;
        this.verifier = verifier;
        this.ec2 = ec2;
        this.queryApis = Map.copyOf(queryApis);
        this.jsonApis = Map.copyOf(jsonApis);
        this.latency = latency;
    }

    /** Lets go of the calls held unanswered, so that stopping does not wait for them. */
    public void release() {
        stopping.countDown();
    }

    /**
     * Answers one request: the Query protocol (XML) or, with an {@code X-Amz-Target} header, the JSON
     * protocol of EC2 Instance Connect. Headers are looked up ignoring case.
     */
    Answer answer(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        long arrived = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        String response;
        int status = 200;
        QueryApi query = ec2;
        try {
            SigV4Verifier.Signed signed;
            String target = SigV4Verifier.first(headers, "X-Amz-Target").orElse(null);
            try {
                signed = verifier.verify(method, uri, headers, body);
            } catch (SigV4Verifier.Rejected r) {
                if (target != null) {
                    return JsonApi.error(requestId,
                            SigV4Verifier.UNKNOWN_KEY_JSON.equals(r.jsonCode) ? 400 : 403, r.jsonCode, r.jsonMessage);
                }
                throw new ApiError(401, r.code, r.getMessage());
            }
            if (target != null) {
                JsonApi api = jsonApis.get(target.contains(".") ? target.substring(0, target.indexOf('.')) : target);
                Answer answer = api == null
                        ? JsonApi.error(requestId, 400, "UnknownOperationException", "Unknown operation " + target)
                        : answerJson(api, target, body, signed.region(), requestId);
                try {
                    awaitLatency(arrived);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return answer;
            }
            String form = new String(body, StandardCharsets.UTF_8);
            if (uri.getRawQuery() != null) {
                form = form.isEmpty() ? uri.getRawQuery() : form + "&" + uri.getRawQuery();
            }
            QueryParams params = QueryParams.parse(form);
            query = queryApis.getOrDefault(signed.service(), ec2);
            Fault fault = world.fault(signed.region()).orElse(null);
            if (fault == Fault.NO_ANSWER && held.tryAcquire()) {
                // At most HELD calls are held (each holds one of the HTTP threads), so a client that
                // retries a silent region does not stall the other regions.
                try {
                    while (fault == Fault.NO_ANSWER && !stopping.await(100, TimeUnit.MILLISECONDS)) {
                        fault = world.fault(signed.region()).orElse(null); // held until the fault is lifted
                    }
                } finally {
                    held.release();
                }
            }
            if (fault == Fault.GARBLED) {
                String whole = query.dispatch(params, signed.region(), requestId);
                return Answer.of(200, XML_TYPE, requestId, whole.substring(0, whole.length() / 2));
            }
            if (fault != null && (fault != Fault.THROTTLING_HALF
                    || calls.computeIfAbsent(signed.region(), r -> new AtomicLong()).getAndIncrement() % 2 == 0)) {
                throw new ApiError(fault.answer().status(), fault.answer().code(), fault.answer().message());
            }
            response = query.dispatch(params, signed.region(), requestId);
        } catch (ApiError e) {
            status = e.status;
            response = query.error(e.code, e.getMessage(), requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
            response = query.error("Unavailable", "The sandbox is shutting down.", requestId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sandbox request failed", e);
            status = 500;
            response = query.error("InternalError", "An internal error has occurred", requestId);
        }
        try {
            awaitLatency(arrived);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
            response = query.error("Unavailable", "The sandbox is shutting down.", requestId);
        }
        return Answer.of(status, XML_TYPE, requestId, response);
    }

    /**
     * Holds the answer until {@code latency} has passed since the request arrived, so a call takes
     * what the sandbox was asked for, like a round trip to a region whose servers are elsewhere: the
     * sandbox's own work counts toward it instead of being added on top.
     */
    private void awaitLatency(long arrivedNanos) throws InterruptedException {
        long left = latency.toNanos() - (System.nanoTime() - arrivedNanos);
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    /** The request's JSON parsed once for every JSON API; a body that is not JSON is refused as AWS does. */
    private static Answer answerJson(JsonApi api, String target, byte[] body, String region, String requestId) {
        JsonNode request;
        try {
            request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JsonApi.error(requestId, 400, "SerializationException", "The request body is not JSON.");
        }
        return api.answer(target.substring(target.indexOf('.') + 1), request, region, requestId);
    }
}
