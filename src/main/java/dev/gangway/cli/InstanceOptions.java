package dev.gangway.cli;

import java.io.PrintWriter;

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
