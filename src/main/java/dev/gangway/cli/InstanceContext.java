package dev.gangway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import dev.gangway.cloud.CloudAccess;
import dev.gangway.cloud.Instance;
import dev.gangway.cloud.InstanceLookups;
import dev.gangway.sandbox.CloudConnection;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.settings.AppDirs;
import dev.gangway.settings.Settings;
import dev.gangway.settings.SettingsStore;
import dev.gangway.ssh.InstanceSsh;

/** What a shell command acting on one instance starts from: the cloud, the instance, the user's settings. */
record InstanceContext(CloudConnection cloud, Instance instance, Settings settings) implements AutoCloseable {

    /** Why there is no context; the message has been printed, {@link #status} is the exit status. */
    static final class Failed extends Exception {
        final int status;

        Failed(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /** Opens AWS (or the sandbox) and finds {@code ref} by id or Name in the profile; on failure says why on {@code err}. */
    static InstanceContext open(boolean sandbox, String profile, String region, String ref, PrintWriter err) throws Exception {
        AppDirs dirs = AppDirs.detect();
        CloudConnection cloud = sandbox ? CloudConnection.sandbox(SandboxOptions.defaults(dirs.sandboxData()))
                : CloudConnection.aws();
        try {
            CloudAccess access = cloud.access();
            if (!access.hasProfiles()) {
                err.println("gangway: no AWS profiles or credentials found. Run `aws configure`, or use --sandbox.");
                throw new Failed(GangwayCommand.FAILED);
            }
            String chosen = profile == null ? access.defaultProfile() : profile;
            if (!access.profiles().contains(chosen)) {
                err.println("gangway: unknown profile '" + chosen + "'. Known profiles: " + String.join(", ", access.profiles()) + ".");
                throw new Failed(GangwayCommand.USAGE);
            }
            Instance instance = InstanceFinder.find(access, chosen, region, ref, err);
            if (instance == null) {
                throw new Failed(GangwayCommand.FAILED);
            }
            Settings settings;
            try (SettingsStore store = new SettingsStore(dirs.config())) {
                settings = store.load();
            }
            return new InstanceContext(cloud, instance, settings);
        } catch (Exception | Error e) {
            cloud.close();
            throw e;
        }
    }

    /** How to log in to the instance: what was set for it in the window (or remembered for its key pair), then {@code key}. */
    InstanceSsh.Options loginOptions(Path key) {
        return cloud.sshOptions(instance, settings).withOverrides(null, key, null, null, null);
    }

    /** EC2 calls about this instance beyond the inventory (password data, console output). */
    InstanceLookups lookups() {
        return new InstanceLookups(cloud.access());
    }

    @Override
    public void close() {
        cloud.close();
    }
}
