package dev.gangway.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.eclipse.jetty.websocket.api.Session;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.PublicIpResolver;
import dev.gangway.common.PrivateFiles;
import dev.gangway.sandbox.ec2.Ec2QueryEndpoint;
import dev.gangway.sandbox.eice.OpenTunnel;
import dev.gangway.sandbox.http.LoopbackGuard;
import dev.gangway.sandbox.http.SandboxApi;
import dev.gangway.sandbox.http.SandboxCredentials;
import dev.gangway.sandbox.http.SandboxHttp;
import dev.gangway.sandbox.http.SigV4Verifier;
import dev.gangway.sandbox.iam.IamApi;
import dev.gangway.sandbox.iam.StsApi;
import dev.gangway.sandbox.instanceconnect.InstanceConnectApi;
import dev.gangway.sandbox.ssh.SandboxSshServers;
import dev.gangway.sandbox.kms.KmsApi;
import dev.gangway.sandbox.ssm.AgentSessions;
import dev.gangway.sandbox.ssm.SandboxDatabase;
import dev.gangway.sandbox.ssm.SsmApi;
import dev.gangway.sandbox.world.SandboxKeyPair;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SeedWorld;

/**
 * The built-in sandbox cloud: an EC2-compatible endpoint on 127.0.0.1 with a deterministic world,
 * and real SSH servers behind its Linux instances. It never reads or writes the user's AWS files;
 * its state lives in memory and in its own data folder (0700).
 *
 * <p>Its SSH servers run shells as the user who started it, so it admits only that user: requests
 * must be signed with this run's {@linkplain #credentials() random key}, and come from a local tool
 * (see {@link LoopbackGuard} and the package's doc).
 */
public final class SandboxCloud implements AutoCloseable {

    /** The profile name Gangway and the written profile file give the sandbox. */
    public static final String PROFILE = "sandbox";
    public static final String HOME_REGION = "us-east-1";

    private final SandboxWorld world;
    private final SandboxCredentials credentials = SandboxCredentials.random();
    private final SandboxKeyPair keyPair;
    private final SandboxSshServers sshServers = new SandboxSshServers();
    private final SandboxHttp http;
    private AgentSessions agents;
    private SandboxDatabase database;

    private SandboxCloud(SandboxOptions options) throws IOException {
        Path data = privateDataFolder(options.dataDirectory());
        this.keyPair = SandboxKeyPair.in(data);
        this.world = buildWorld(options);
        try {
            if (options.sshServers()) {
                sshServers.start(world, keyPair.publicKey(), data, options.clock());
            }
            SigV4Verifier verifier = new SigV4Verifier(credentials);
            this.http = new SandboxHttp(SeedWorld.LOOPBACK, options.port(), new SandboxApi(world,
                    verifier, new Ec2QueryEndpoint(world, keyPair, options.clock()),
                    Map.of("iam", new IamApi(world), "sts", new StsApi(world)),
                    Map.of("AWSEC2InstanceConnectService", new InstanceConnectApi(world, options.clock()),
                            "AmazonSSM", new SsmApi(world, options.clock(), this::endpoint),
                            "TrentService", new KmsApi(world)),
                    options.latency()));
            http.warmUp();
            // Session Manager's data channels: the agent's shells run where the SSH servers' do.
            Path agentHome = PrivateFiles.directory(data.resolve("homes").resolve("session-manager"));
            agents = new AgentSessions(world, options.clock(), agentHome, data.resolve("native"));
            http.webSocket("/v1/data-channel/*", agents::newChannel);
            // Instance Connect Endpoint's tunnels: presigned WebSocket URLs, one per TCP connection.
            http.webSocket("/openTunnel", new OpenTunnel(world, verifier));
            if (options.seeded()) {
                // db-debian's PostgreSQL port and the RDS endpoint it reaches: one stand-in on loopback.
                database = new SandboxDatabase();
                world.exposeService(SeedWorld.DATABASE_HOST, 5432, database.port());
                world.exposeService(SeedWorld.DATABASE_INSTANCE, 5432, database.port());
            }
        } catch (IOException | RuntimeException e) {
            sshServers.close();
            throw e;
        }
    }

    /**
     * The data folder, private to the user (0700): made so when missing; an existing one that others
     * can open is made private when it is the sandbox's own (empty, or holding its key pair), and
     * refused otherwise, so that {@code --data ~} or {@code --data /tmp} changes no folder of the user's.
     */
    private static Path privateDataFolder(Path folder) throws IOException {
        PrivateFiles.directory(folder);
        if (PrivateFiles.isPrivate(folder)) {
            return folder;
        }
        boolean ours = Files.exists(folder.resolve(SandboxKeyPair.NAME + ".pem"));
        if (!ours) {
            try (Stream<Path> entries = Files.list(folder)) {
                ours = entries.findAny().isEmpty();
            }
        }
        if (!ours) {
            throw new IOException("The sandbox folder " + folder + " can be opened by other users and holds other "
                    + "files. Give the sandbox a folder of its own (--data), or make this one private: chmod 700 "
                    + folder);
        }
        return PrivateFiles.ownDirectory(folder);
    }

    public static SandboxCloud start(SandboxOptions options) throws IOException {
        return new SandboxCloud(options);
    }

    public URI endpoint() {
        return URI.create("http://" + SeedWorld.LOOPBACK + ":" + http.port());
    }

    public SandboxWorld world() {
        return world;
    }

    /**
     * Serves WebSocket upgrades to {@code path} on the endpoint's port, behind the same Host and
     * Origin checks (for the sandbox's Session Manager and Instance Connect Endpoint streams).
     */
    void webSocket(String path, Supplier<? extends Session.Listener>
            endpoint) {
        http.webSocket(path, endpoint);
    }

    /**
     * Cuts every Session Manager data channel as a network fault would: no close frame, no
     * {@code channel_closed}. The sessions live on and wait for ResumeSession. Returns how many.
     */
    public int cutSessionManagerChannels() {
        return agents.cutChannels();
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

    /** This run's key, for SDK clients in this process: the only key the sandbox accepts. */
    public StaticCredentialsProvider credentials() {
        return credentials.provider();
    }

    /** This run's key itself, for its starter's eyes: `gangway sandbox` prints it or writes it to a 0600 file. */
    public SandboxCredentials accessKey() {
        return credentials;
    }

    /** Cloud access for Gangway itself: one profile, "sandbox", against this endpoint. */
    public CloudAccess cloudAccess() {
        return CloudAccess.forEndpoint(PROFILE, endpoint(), credentials(), HOME_REGION, "Sandbox");
    }

    /** In the sandbox, "your public IP" is loopback: the address its instances see you coming from. */
    public PublicIpResolver publicIpResolver() {
        return PublicIpResolver.fixed(SeedWorld.LOOPBACK);
    }

    /**
     * The environment that points the AWS CLI and SDKs at this sandbox, for its starter to paste:
     * every service's endpoint ({@code AWS_ENDPOINT_URL}: with only EC2's set, Instance Connect's
     * calls would go to AWS), this run's key, and the region under both names (the AWS CLI v1 reads
     * only {@code AWS_DEFAULT_REGION}).
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_REGION", HOME_REGION);
        env.put("AWS_DEFAULT_REGION", HOME_REGION);
        return env;
    }

    /**
     * Writes this run's key as the profile {@value #PROFILE} of an AWS config file (0600, in the
     * sandbox's 0700 folder), endpoint and region included, for {@code AWS_CONFIG_FILE} users.
     */
    public Path writeProfile() throws IOException {
        Path file = keyPair.directory().resolve("aws-config");
        String text = "# Gangway sandbox at " + endpoint() + ": valid while this sandbox runs.\n"
                + "[profile " + PROFILE + "]\n"
                + "aws_access_key_id = " + credentials.accessKeyId() + "\n"
                + "aws_secret_access_key = " + credentials.secretAccessKey() + "\n"
                + "region = " + HOME_REGION + "\n"
                + "endpoint_url = " + endpoint() + "\n";
        PrivateFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @Override
    public void close() {
        http.close();
        agents.close();
        sshServers.close();
        if (database != null) {
            database.close();
        }
    }

    /** The curated world and the filler asked for, with the faults to inject. */
    private static SandboxWorld buildWorld(SandboxOptions options) {
        SandboxWorld world = new SandboxWorld();
        SeedWorld seed = new SeedWorld(world, options.clock());
        if (options.seeded()) {
            seed.curated();
        }
        for (int r = 0; r < options.fillerRegions(); r++) {
            String region = r < SeedWorld.STANDARD_REGIONS.size() ? SeedWorld.STANDARD_REGIONS.get(r) : "sb-region-" + (r + 1);
            seed.filler(region, options.fillerPerRegion());
        }
        if (options.seeded() || options.fillerRegions() > 0) {
            world.region(SeedWorld.OPT_IN_REGION, false);
        }
        options.faults().forEach(world::setFault);
        return world;
    }
}
