package dev.gangway.aws;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.protocols.query.unmarshall.XmlDomParser;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One-time start-up work of the first AWS call, begun on a background thread while the command line
 * is still being parsed, when the second core is mostly idle. It initialises logging, loads the SDK's
 * endpoint metadata, builds (and drops) an EC2 client that can send nothing, builds the HTTP client
 * that the first {@link CloudAccess} adopts (TLS set-up reads the JDK's trust store) and loads the
 * XML parser. Nothing here talks to the network or reads credentials. Calling {@link #start()} is
 * optional: without it each piece is simply done when first needed. {@code -Dgangway.noWarmup=true}
 * turns it off, to measure what it saves.
 */
public final class AwsWarmup {

    private static final AtomicReference<CompletableFuture<SdkHttpClient>> HTTP = new AtomicReference<>();
    /** Stands in {@link #HTTP} once the warm-up's client has been handed out. */
    private static final CompletableFuture<SdkHttpClient> TAKEN = new CompletableFuture<>();

    private AwsWarmup() {
    }

    /** Starts the warm-up once; later calls do nothing. */
    public static void start() {
        if (Boolean.getBoolean("gangway.noWarmup")) {
            return;
        }
        CompletableFuture<SdkHttpClient> http = new CompletableFuture<>();
        if (!HTTP.compareAndSet(null, http)) {
            return;
        }
        Thread t = new Thread(() -> {
            // In the order the first call needs them: logging and endpoint metadata while the
            // client is built, the HTTP client when the first request goes out, XML for its answer.
            warm(() -> LoggerFactory.getLogger("software.amazon.awssdk"));
            warm(() -> ServiceMetadata.of("ec2"));
            warm(AwsWarmup::buildUnusedClient);
            try {
                http.complete(CloudAccess.newHttpClient());
            } catch (RuntimeException | Error e) {
                http.completeExceptionally(e);
            }
            warm(() -> XmlDomParser.parse(new ByteArrayInputStream(
                    "<a xmlns=\"urn:x\"><b>c</b></a>".getBytes(StandardCharsets.UTF_8))));
        }, "gangway-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    /**
     * Builds and closes an EC2 client that never sends anything (dummy credentials, an unroutable
     * endpoint): the SDK's client set-up code is then loaded and initialised when the real one is built.
     */
    private static void buildUnusedClient() {
        try (SdkHttpClient none = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(
                    HttpExecuteRequest request) {
                throw new IllegalStateException("the warm-up client sends nothing");
            }

            @Override
            public void close() {
            }
        }; Ec2Client unused = Ec2Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("warmup", "warmup")))
                .httpClient(none)
                .build()) {
            unused.serviceName();
        }
    }

    /** The HTTP client the warm-up built, handed out once; null when there is none to take. */
    public static CompletableFuture<SdkHttpClient> takeHttpClient() {
        CompletableFuture<SdkHttpClient> http = HTTP.get();
        if (http == null || http == TAKEN || !HTTP.compareAndSet(http, TAKEN)) {
            return null;
        }
        return http;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void warm(Step step) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            // Only a head start: the real call does the same work and reports any problem itself.
        }
    }
}
