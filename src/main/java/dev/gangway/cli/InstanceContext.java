package dev.gangway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import dev.gangway.aws.CloudAccess;
import dev.gangway.boot.AppDirs;
import dev.gangway.boot.CloudConnection;
import dev.gangway.connect.ConnectContext;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.instance.Instance;
import dev.gangway.settings.Settings;
import dev.gangway.settings.SettingsStore;

/** What a shell command acting on one instance starts from: the cloud, the instance, the user's settings. */
public record InstanceContext(CloudConnection cloud, Instance instance, Settings settings) implements AutoCloseable {

    /** Opens AWS (or the sandbox) and finds {@code ref} by id or Name in the profile; on failure says why on {@code err}. */
    static InstanceContext open(boolean sandbox, String profile, String region, String ref, PrintWriter err) throws Exception {
        AppDirs dirs = AppDirs.detect();
        CloudConnection cloud = CloudConnection.forCommand(sandbox, true);
        try {
            CloudAccess access = cloud.access();
            if (!access.hasProfiles()) {
                throw new CommandFailure(ExitCodes.FAILED, access.configProblem() != null ? access.configProblem()
                        : "no AWS profiles or credentials found. Run `aws configure`, or use --sandbox.");
            }
            String chosen = profile == null ? access.requestedProfile() : profile;
            if (!access.profiles().contains(chosen) && access.configProblem() != null) {
                throw new CommandFailure(ExitCodes.FAILED, access.configProblem());
            }
            if (!access.profiles().contains(chosen)) {
                throw new CommandFailure(ExitCodes.USAGE, "unknown profile '" + chosen + "'"
                        + (profile == null ? " (from AWS_PROFILE)" : "") + ". Known profiles: "
                        + String.join(", ", access.profiles()) + ".");
            }
            Instance instance = InstanceFinder.find(access, chosen, region, ref, err);
            if (instance == null) {
                throw new CommandFailure(ExitCodes.FAILED, null);
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
    public ConnectOptions loginOptions(Path key) {
        return connect().options(instance, settings).withKey(key);
    }

    /** What connecting needs here (AWS clients, key folders, known_hosts). */
    public ConnectContext connect() {
        return cloud.connectContext();
    }

    @Override
    public void close() {
        cloud.close();
    }
}
