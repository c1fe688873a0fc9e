package dev.gangway.boot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import dev.gangway.allowip.AllowMyIp;
import dev.gangway.aws.CheckIpResolver;
import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.PublicIpResolver;
import dev.gangway.connect.ConnectContext;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.eice.EiceTunnels;
import dev.gangway.inventory.Ec2Inventory;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.ssm.SsmTunnels;

/**
 * The cloud Gangway talks to in this run: the user's AWS accounts, or, when asked or when no AWS
 * credentials are found, the built-in sandbox started in-process.
 */
public final class CloudConnection implements AutoCloseable {

    private final CloudAccess access;
    private final PublicIpResolver publicIp;
    private final SandboxCloud sandbox;
    private Ec2Inventory inventory;

    private CloudConnection(CloudAccess access, PublicIpResolver publicIp, SandboxCloud sandbox) {
        this.access = access;
        this.publicIp = publicIp;
        this.sandbox = sandbox;
    }

    /** The user's AWS configuration, as is (it may have no profiles). */
    public static CloudConnection aws() {
        return new CloudConnection(CloudAccess.fromAwsConfiguration(), awsPublicIp(), null);
    }

    public static CloudConnection sandbox(SandboxOptions options) throws IOException {
        SandboxCloud cloud = SandboxCloud.start(options);
        return new CloudConnection(cloud.cloudAccess(), cloud.publicIpResolver(), cloud);
    }

    /**
     * The cloud a command runs against: the sandbox in its usual folder when asked (with SSH
     * servers for its instances when {@code sshServers}), else the user's AWS configuration.
     */
    public static CloudConnection forCommand(boolean useSandbox, boolean sshServers) throws IOException {
        return useSandbox
                ? sandbox(SandboxOptions.defaults(AppDirs.detect().sandboxData()).withSshServers(sshServers))
                : aws();
    }

    /**
     * The window's cloud: AWS when it has profiles or credentials and no sandbox was asked for; the
     * sandbox otherwise, in its usual folder, with the extra instances and SSH servers asked for.
     */
    public static CloudConnection forWindow(LaunchOptions launch, AppDirs dirs) throws IOException {
        SandboxOptions options = SandboxOptions.defaults(dirs.sandboxData()).withSshServers(launch.sandboxSsh());
        if (launch.fillerRegions() > 0) {
            options = options.withFiller(launch.fillerRegions(), launch.fillerPerRegion());
        }
        return awsOrSandbox(launch.sandbox(), options);
    }

    /** AWS when it has profiles or credentials and no sandbox was asked for; the sandbox otherwise. */
    public static CloudConnection awsOrSandbox(boolean forceSandbox, SandboxOptions sandboxOptions) throws IOException {
        if (!forceSandbox) {
            CloudAccess aws = CloudAccess.fromAwsConfiguration();
            if (aws.hasProfiles()) {
                return new CloudConnection(aws, awsPublicIp(), null);
            }
            aws.close();
        }
        return sandbox(sandboxOptions);
    }

    /**
     * Where "your public IP" comes from for AWS: {@code GANGWAY_PUBLIC_IP} when set (behind a proxy
     * whose address AWS would see, or a test's), else AWS's own checkip service.
     */
    static PublicIpResolver awsPublicIp() {
        String given = System.getenv("GANGWAY_PUBLIC_IP");
        return given != null && !given.isBlank() ? PublicIpResolver.fixed(given.strip()) : new CheckIpResolver();
    }

    public CloudAccess access() {
        return access;
    }

    /** The shared inventory, made on first use (the CLI makes its own, with its own parallelism). */
    public synchronized Ec2Inventory inventory() {
        if (inventory == null) {
            inventory = new Ec2Inventory(access);
        }
        return inventory;
    }

    /**
     * What connecting needs here. Logins find keys and record host keys in the user's key folders
     * and ~/.ssh/known_hosts; in the sandbox, its own key pair's folder first and its own known_hosts.
     */
    public ConnectContext connectContext() {
        ConnectOptions defaults = sandbox == null ? ConnectOptions.defaults()
                : ConnectOptions.defaults().withKeyFolderFirst(sandbox.keyFile().getParent())
                        .withKnownHosts(sandbox.knownHostsFile());
        return new ConnectContext(access, publicIp, defaults, new SsmTunnels(access), new EiceTunnels(access),
                sandbox != null);
    }

    /**
     * "Allow my IP" for this cloud, its temporary rules recorded in this cloud's data folder (the
     * sandbox's own for the sandbox, whose rules go with it).
     */
    public AllowMyIp allowMyIp() {
        Path folder = sandbox != null ? sandbox.keyFile().getParent() : AppDirs.detect().data();
        return new AllowMyIp(access, folder.resolve("temporary-rules.json"), Clock.systemUTC());
    }

    public PublicIpResolver publicIp() {
        return publicIp;
    }

    /**
     * What answers from this cloud are cached under (see InstanceCache): AWS, or the endpoint an
     * AWS_ENDPOINT_URL names (a `gangway sandbox` of another run is another world); empty for the
     * in-process sandbox, whose world is new in every run.
     */
    public Optional<String> cacheScope() {
        if (sandbox != null) {
            return Optional.empty();
        }
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        return Optional.of(endpoint == null || endpoint.isBlank() ? "aws" : "endpoint " + endpoint.strip());
    }

    public boolean isSandbox() {
        return sandbox != null;
    }

    /** The running sandbox, or null when this is real AWS. */
    public SandboxCloud sandboxCloud() {
        return sandbox;
    }

    @Override
    public synchronized void close() {
        if (inventory != null) {
            inventory.close();
        }
        access.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
