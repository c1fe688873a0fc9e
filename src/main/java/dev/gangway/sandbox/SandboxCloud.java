package dev.gangway.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import dev.gangway.cloud.CloudAccess;
import dev.gangway.cloud.PublicIpResolver;
import dev.gangway.settings.PrivateFiles;

/**
 * The built-in sandbox cloud: an EC2-compatible endpoint on 127.0.0.1 with a deterministic world,
 * and real SSH servers behind its Linux instances. It never reads or writes the user's AWS files;
 * its state lives in memory and in its own data folder.
 */
public final class SandboxCloud implements AutoCloseable {

    /** Fixed sandbox credentials: they open nothing but this local endpoint, so they are no secret. */
    public static final String ACCESS_KEY_ID = "AKIAGANGWAYSANDBOX00";
    public static final String SECRET_ACCESS_KEY = "gangway-sandbox-not-a-secret";
    public static final String PROFILE = "sandbox";
    public static final String HOME_REGION = "us-east-1";

    private final SandboxWorld world;
    private final SandboxKeyPair keyPair;
    private final SandboxSshServers sshServers = new SandboxSshServers();
    private final HttpServer http;
    private final ExecutorService httpThreads;

    private SandboxCloud(SandboxOptions options) throws IOException {
        Path data = PrivateFiles.directory(options.dataDirectory());
        this.keyPair = SandboxKeyPair.in(data);
        this.world = SeedWorld.build(options);
        try {
            if (options.sshServers()) {
                sshServers.start(world, keyPair.publicKey(), data, options.clock());
            }
            this.http = HttpServer.create(new InetSocketAddress(SeedWorld.LOOPBACK, options.port()), 128);
        } catch (IOException | RuntimeException e) {
            sshServers.close();
            throw e;
        }
        this.httpThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-ec2");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(httpThreads);
        http.createContext("/", new Ec2QueryEndpoint(world, new SigV4Verifier(ACCESS_KEY_ID, SECRET_ACCESS_KEY), keyPair,
                options.clock(), options.latency()));
        http.start();
    }

    public static SandboxCloud start(SandboxOptions options) throws IOException {
        return new SandboxCloud(options);
    }

    public URI endpoint() {
        return URI.create("http://" + SeedWorld.LOOPBACK + ":" + http.getAddress().getPort());
    }

    public SandboxWorld world() {
        return world;
    }

    /** The sandbox key pair's private key file (0600), to connect to its instances. */
    public Path keyFile() {
        return keyPair.pemFile();
    }

    /**
     * The known_hosts file for sandbox instances: kept in the sandbox's data directory, so that
     * their loopback addresses and ports never land in the user's own ~/.ssh/known_hosts.
     */
    public Path knownHostsFile() {
        return keyPair.directory().resolve("known_hosts");
    }

    public String keyFingerprint() {
        return keyPair.fingerprint();
    }

    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /** Cloud access for Gangway itself: one profile, "sandbox", against this endpoint. */
    public CloudAccess cloudAccess() {
        return CloudAccess.forEndpoint(PROFILE, endpoint(), credentials(), HOME_REGION, "Sandbox");
    }

    /** In the sandbox, "your public IP" is loopback: the address its instances see you coming from. */
    public PublicIpResolver publicIpResolver() {
        return PublicIpResolver.fixed(SeedWorld.LOOPBACK);
    }

    /** The environment that points the AWS CLI and SDKs at this sandbox. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_EC2", endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put("AWS_REGION", HOME_REGION);
        return env;
    }

    @Override
    public void close() {
        http.stop(0);
        httpThreads.shutdownNow();
        sshServers.close();
    }
}
