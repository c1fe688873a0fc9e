package dev.gangway.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The instance a command acts on and where to find it: mixed into every command that acts on one instance. */
public final class InstanceOptions {

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance id (i-...) or Name tag.")
    public String instanceRef;

    @Option(names = {"-P", "--profile"}, paramLabel = "PROFILE", description = "AWS profile. Default: AWS_PROFILE, else 'default'.")
    String profile;

    @Option(names = {"-r", "--region"}, paramLabel = "REGION",
            description = "Region to look in. Default: the profile's region, then every enabled region.")
    String region;

    @Option(names = "--sandbox", description = "Use the built-in sandbox cloud instead of AWS.")
    boolean sandbox;

    /** Whether the command runs on the built-in sandbox. */
    public boolean sandbox() {
        return sandbox;
    }

    /**
     * Refuses a {@code --key} that names no file before anything is asked of AWS: a bad argument,
     * exit status 2 as README documents (it was 1, after the instance was looked up).
     */
    public static void requireKeyFile(Path key) throws CommandFailure {
        // Any file that exists, a pipe too (--key <(pass show key)); not a folder.
        if (key != null && (Files.isDirectory(key) || !Files.exists(key))) {
            throw new CommandFailure(ExitCodes.USAGE, (Files.isDirectory(key) ? key + " is a folder, not a key file"
                    : "there is no key file at " + key) + ": give --key the key pair's private key file "
                    + "(.pem or .ppk).");
        }
    }

    /** Opens the cloud and finds the instance through EC2; says why not on {@code err}. */
    public InstanceContext open(PrintWriter err) throws Exception {
        return InstanceContext.open(sandbox, profile, region, instanceRef, false, err);
    }

    /**
     * As {@link #open}, but a running instance learned by a listing or lookup in the last day is
     * taken as it was, without asking EC2 (the command looks it up again if connecting fails).
     */
    public InstanceContext openKnown(PrintWriter err) throws Exception {
        return InstanceContext.open(sandbox, profile, region, instanceRef, true, err);
    }
}
