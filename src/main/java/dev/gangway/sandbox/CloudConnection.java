package dev.gangway.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.gangway.cloud.CheckIpResolver;
import dev.gangway.cloud.CloudAccess;
import dev.gangway.cloud.Ec2Inventory;
import dev.gangway.cloud.Instance;
import dev.gangway.cloud.PublicIpResolver;
import dev.gangway.settings.Settings;
import dev.gangway.ssh.InstanceSsh;

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
        return new CloudConnection(CloudAccess.fromAwsConfiguration(), new CheckIpResolver(), null);
    }

    public static CloudConnection sandbox(SandboxOptions options) throws IOException {
        SandboxCloud cloud = SandboxCloud.start(options);
        return new CloudConnection(cloud.cloudAccess(), cloud.publicIpResolver(), cloud);
    }

    /** AWS when it has profiles or credentials and no sandbox was asked for; the sandbox otherwise. */
    public static CloudConnection awsOrSandbox(boolean forceSandbox, SandboxOptions sandboxOptions) throws IOException {
        if (!forceSandbox) {
            CloudAccess aws = CloudAccess.fromAwsConfiguration();
            if (aws.hasProfiles()) {
                return new CloudConnection(aws, new CheckIpResolver(), null);
            }
            aws.close();
        }
        return sandbox(sandboxOptions);
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
     * How SSH logins find keys and record host keys here: the user's key folders and
     * ~/.ssh/known_hosts; in the sandbox, its own key pair's folder first and its own known_hosts.
     */
    public InstanceSsh.Options sshOptions() {
        return sandbox == null ? InstanceSsh.Options.defaults()
                : InstanceSsh.Options.with(sandbox.keyFile().getParent(), sandbox.knownHostsFile());
    }

    /**
     * {@link #sshOptions()} with what the user set for {@code instance} (user, port, private address,
     * key file) or remembered for its key pair.
     */
    public InstanceSsh.Options sshOptions(Instance instance, Settings settings) {
        Settings.InstanceLogin login = settings.login(instance.id());
        // A file the user set for this instance is used (and a missing one reported); a remembered key pair
        // file that has since gone is forgotten here, and the key folders are searched again.
        String key = login.keyFile() != null ? login.keyFile()
                : settings.keyFile(instance.keyName()).filter(f -> Files.isRegularFile(Path.of(f))).orElse(null);
        return sshOptions().withOverrides(login.user(), key == null ? null : Path.of(key), null, login.port(), null)
                .withPrivateAddress(login.privateAddress());
    }

    public PublicIpResolver publicIp() {
        return publicIp;
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
