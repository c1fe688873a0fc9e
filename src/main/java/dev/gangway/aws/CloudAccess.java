package dev.gangway.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2instanceconnect.Ec2InstanceConnectClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS accounts Gangway can talk to: the profiles of the user's AWS config and credentials files
 * (or one fixed identity, such as the sandbox's), and an EC2 client per profile and region.
 *
 * <p>Credentials, SSO, assume-role and endpoint overrides ({@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_EC2}, {@code endpoint_url} in a profile) are all resolved by the SDK
 * itself; this class only picks the profile and region.
 */
public final class CloudAccess implements AutoCloseable {

    /** The pseudo-profile used when credentials come only from the environment. */
    public static final String DEFAULT_PROFILE = "default";
    private static final String FALLBACK_REGION = "us-east-1";

    private final Supplier<ProfileFile> profileFile;
    private final List<String> profiles;
    private final String defaultProfile;
    /** AWS_PROFILE as the environment gave it, known or not; null when unset. */
    private String requestedProfile;
    /** Why the user's AWS files could not be read, or null. */
    private String configProblem;
    private final AwsCredentialsProvider fixedCredentials;
    private final URI fixedEndpoint;
    private final String fixedRegion;
    private final String label;
    private final BackgroundHttpClient http;
    private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Ec2InstanceConnectClient> instanceConnectClients = new ConcurrentHashMap<>();
    private final Map<String, SsmClient> ssmClients = new ConcurrentHashMap<>();
    private final Map<String, KmsClient> kmsClients = new ConcurrentHashMap<>();
    private final Map<String, StsClient> stsClients = new ConcurrentHashMap<>();
    private final Map<String, IamClient> iamClients = new ConcurrentHashMap<>();
    private final Map<String, AwsCredentialsProvider> credentials = new ConcurrentHashMap<>();

    private CloudAccess(Supplier<ProfileFile> profileFile, List<String> profiles, String defaultProfile,
                        AwsCredentialsProvider fixedCredentials, URI fixedEndpoint, String fixedRegion, String label) {
        this.profileFile = profileFile;
        this.profiles = List.copyOf(profiles);
        this.defaultProfile = defaultProfile;
        this.fixedCredentials = fixedCredentials;
        this.fixedEndpoint = fixedEndpoint;
        this.fixedRegion = fixedRegion;
        this.label = label;
        this.http = new BackgroundHttpClient();
    }

    /** The user's own AWS configuration: {@code ~/.aws/config}, {@code ~/.aws/credentials} and the environment. */
    public static CloudAccess fromAwsConfiguration() {
        String problem = null;
        ProfileFile file;
        try {
            file = ProfileFile.defaultProfileFile();
        } catch (RuntimeException e) {
            // A malformed ~/.aws/config must not stop the app: it shows no profiles, and says why.
            file = ProfileFile.aggregator().build();
            problem = AwsErrors.configSyntax(String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        CloudAccess access = fromProfileFile(file, System.getenv());
        access.configProblem = problem;
        return access;
    }

    /** Why the AWS config or credentials file could not be read (a line that does not parse), or null. */
    public String configProblem() {
        return configProblem;
    }

    /** For tests and tools: the profiles of a given profile file; {@code env} decides AWS_PROFILE and env credentials. */
    public static CloudAccess fromProfileFile(ProfileFile file, Map<String, String> env) {
        List<String> names = new ArrayList<>(file.profiles().keySet());
        names.sort(String::compareToIgnoreCase);
        boolean envCredentials = env.get(SdkSystemSetting.AWS_ACCESS_KEY_ID.environmentVariable()) != null
                || env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                || env.get("AWS_WEB_IDENTITY_TOKEN_FILE") != null;
        if (envCredentials && !names.contains(DEFAULT_PROFILE)) {
            names.add(0, DEFAULT_PROFILE);
        }
        String wanted = env.get(ProfileFileSystemSetting.AWS_PROFILE.environmentVariable());
        if (wanted != null && wanted.isBlank()) {
            // `export AWS_PROFILE=` means no profile asked for, as the AWS CLI takes it.
            wanted = null;
        }
        String def;
        if (wanted != null && names.contains(wanted)) {
            def = wanted;
        } else if (names.contains(DEFAULT_PROFILE)) {
            def = DEFAULT_PROFILE;
        } else {
            def = names.isEmpty() ? null : names.get(0);
        }
        CloudAccess access = new CloudAccess(() -> file, names, def, null, null, null, "AWS");
        access.requestedProfile = wanted;
        return access;
    }

    /** One fixed identity against one endpoint, as for the sandbox cloud. */
    public static CloudAccess forEndpoint(String profileName, URI endpoint, AwsCredentialsProvider credentials,
                                          String defaultRegion, String label) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new CloudAccess(ProfileFile.aggregator()::build, List.of(profileName), profileName, credentials,
                endpoint, defaultRegion, label);
    }

    static ProfileFile loadDefaultProfileFile() {
        try {
            return ProfileFile.defaultProfileFile();
        } catch (RuntimeException e) {
            // A malformed ~/.aws/config must not stop the app; it then simply shows no profiles.
            return ProfileFile.aggregator().build();
        }
    }

    public List<String> profiles() {
        return profiles;
    }

    /** AWS_PROFILE when it names a known profile, else {@code default}, else the first; null when there is none. */
    public String defaultProfile() {
        return defaultProfile;
    }

    /**
     * The profile a command uses when it names none: AWS_PROFILE as given, even when no such
     * profile exists (a command then refuses it, as the AWS CLI does, instead of quietly using
     * another), else {@link #defaultProfile()}.
     */
    public String requestedProfile() {
        return requestedProfile != null ? requestedProfile : defaultProfile;
    }

    public boolean hasProfiles() {
        return !profiles.isEmpty();
    }

    /** A short name for where the data comes from ("AWS", "Sandbox"). */
    public String label() {
        return label;
    }

    /** The region used for account-wide calls such as DescribeRegions. */
    public String homeRegion(String profile) {
        if (fixedRegion != null) {
            return fixedRegion;
        }
        try {
            return DefaultAwsRegionProviderChain.builder()
                    .profileFile(profileFile)
                    .profileName(profile)
                    .build()
                    .getRegion()
                    .id();
        } catch (RuntimeException e) {
            return FALLBACK_REGION;
        }
    }

    /** The EC2 client for a profile in a region; created once and reused. */
    public Ec2Client ec2(String profile, String region) {
        return clients.computeIfAbsent(profile + '\n' + region, k -> buildEc2(profile, region));
    }

    private Ec2Client buildEc2(String profile, String region) {
        return configured(Ec2Client.builder(), profile, region, Duration.ofSeconds(60)).build();
    }

    /** Region, credentials, profile file, timeout, the shared HTTP client and any fixed endpoint. */
    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(B builder, String profile,
            String region, Duration timeout) {
        http.start();
        builder.httpClient(http)
                .region(Region.of(region))
                .credentialsProvider(credentialsFor(profile))
                .overrideConfiguration(o -> o
                        .defaultProfileFileSupplier(profileFile)
                        .defaultProfileName(profile)
                        .apiCallTimeout(callTimeout(timeout)));
        if (fixedEndpoint != null) {
            builder.endpointOverride(fixedEndpoint);
        }
        return builder;
    }

    /**
     * How long one call may take, retries included: {@code usual}, or the system property
     * {@code gangway.awsCallTimeout} (an ISO-8601 duration such as PT5S) where it is set, for slow
     * links and for tests of an endpoint that never answers. Every call is bounded either way.
     */
    static Duration callTimeout(Duration usual) {
        String set = System.getProperty("gangway.awsCallTimeout");
        if (set == null || set.isBlank()) {
            return usual;
        }
        try {
            Duration d = Duration.parse(set.trim());
            return d.isNegative() || d.isZero() ? usual : d;
        } catch (java.time.format.DateTimeParseException e) {
            return usual;
        }
    }

    /** The EC2 Instance Connect client for a profile in a region; created once and reused. */
    public Ec2InstanceConnectClient instanceConnect(String profile, String region) {
        return instanceConnectClients.computeIfAbsent(profile + '\n' + region,
                k -> configured(Ec2InstanceConnectClient.builder(), profile, region, Duration.ofSeconds(30)).build());
    }

    /** The Systems Manager client (Session Manager) for a profile in a region; created once and reused. */
    public SsmClient ssm(String profile, String region) {
        return ssmClients.computeIfAbsent(profile + '\n' + region,
                k -> configured(SsmClient.builder(), profile, region, Duration.ofSeconds(30)).build());
    }

    /** The KMS client (Session Manager's encrypted sessions) for a profile in a region; created once and reused. */
    public KmsClient kms(String profile, String region) {
        return kmsClients.computeIfAbsent(profile + '\n' + region,
                k -> configured(KmsClient.builder(), profile, region, Duration.ofSeconds(30)).build());
    }

    /** The STS client (who am I) for a profile, in a region (STS's regional endpoint); created once and reused. */
    public StsClient sts(String profile, String region) {
        return stsClients.computeIfAbsent(profile + '\n' + region,
                k -> configured(StsClient.builder(), profile, region, Duration.ofSeconds(15)).build());
    }

    /**
     * The IAM client (policy simulation) for a profile, for resources in {@code region}: IAM is one
     * global service per partition (aws-global, aws-cn-global, aws-us-gov-global); created once and reused.
     */
    public IamClient iam(String profile, String region) {
        RegionMetadata metadata = Region.of(region).metadata();
        Region global = Region.of((metadata == null ? "aws" : metadata.partition().id()) + "-global");
        return iamClients.computeIfAbsent(profile + '\n' + global.id(),
                k -> configured(IamClient.builder(), profile, global.id(), Duration.ofSeconds(15)).build());
    }

    /**
     * The credentials of {@code profile}, for what the SDK's clients do not sign themselves
     * (Instance Connect Endpoint's presigned WebSocket URL).
     */
    public AwsCredentialsProvider credentials(String profile) {
        return credentialsFor(profile);
    }

    private AwsCredentialsProvider credentialsFor(String profile) {
        if (fixedCredentials != null) {
            return fixedCredentials;
        }
        return credentials.computeIfAbsent(profile, p -> DEFAULT_PROFILE.equals(p)
                // For "default" the environment comes first, as with the AWS CLI.
                ? DefaultCredentialsProvider.builder().profileFile(profileFile).profileName(p).build()
                : ProfileCredentialsProvider.builder().profileFile(profileFile).profileName(p).build());
    }

    /** The HTTP client every EC2 client of one CloudAccess shares. */
    static SdkHttpClient newHttpClient() {
        return ApacheHttpClient.builder()
                .maxConnections(128)
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * The shared Apache HTTP client, built on another thread or adopted from {@link AwsWarmup}:
     * building it sets up TLS (a tenth of a second or more of a shell command's start), which can
     * happen while the EC2 client and the credentials are being prepared. Requests wait for it.
     */
    private static final class BackgroundHttpClient implements SdkHttpClient {
        /**
         * Started with the first SDK client, not with this object: a command that needs no AWS call
         * (`gangway ssh` to an instance it knows, see InstanceCache) spends nothing on it.
         */
        private CompletableFuture<SdkHttpClient> client;

        private boolean closed;

        synchronized void start() {
            if (closed) {
                // A call racing the end of the command (a background refresh): nothing left to serve it.
                throw new IllegalStateException("the AWS connection is closed");
            }
            if (client == null) {
                client = adoptOrBuild();
            }
        }

        private synchronized CompletableFuture<SdkHttpClient> client() {
            start();
            return client;
        }

        private static CompletableFuture<SdkHttpClient> adoptOrBuild() {
            CompletableFuture<SdkHttpClient> warm = AwsWarmup.takeHttpClient();
            return warm != null
                    ? warm.exceptionally(e -> newHttpClient())
                    : CompletableFuture.supplyAsync(CloudAccess::newHttpClient, BackgroundHttpClient::ownThread);
        }

        /**
         * A thread of its own, not the common fork-join pool: with 2 cores that pool has one worker,
         * and a command waiting there for its EC2 calls (`list` fetching its regions) would keep the
         * client those calls wait for from ever being built: `gangway --verbose list` hung so.
         */
        private static void ownThread(Runnable build) {
            Thread t = new Thread(build, "gangway-http-setup");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public ExecutableHttpRequest prepareRequest(
                HttpExecuteRequest request) {
            return client().join().prepareRequest(request);
        }

        @Override
        public String clientName() {
            return "Apache";
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (client != null) {
                client.thenAccept(SdkHttpClient::close);
            }
        }
    }

    @Override
    public void close() {
        clients.values().forEach(Ec2Client::close);
        instanceConnectClients.values().forEach(Ec2InstanceConnectClient::close);
        ssmClients.values().forEach(SsmClient::close);
        kmsClients.values().forEach(KmsClient::close);
        stsClients.values().forEach(StsClient::close);
        iamClients.values().forEach(IamClient::close);
        clients.clear();
        credentials.values().forEach(c -> {
            if (c instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing a credentials cache cannot fail in a way the user can act on
                }
            }
        });
        http.close();
    }
}
