package dev.gangway.sandbox;

import java.io.IOException;

import dev.gangway.cloud.CheckIpResolver;
import dev.gangway.cloud.CloudAccess;
import dev.gangway.cloud.Ec2Inventory;
import dev.gangway.cloud.PublicIpResolver;
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
