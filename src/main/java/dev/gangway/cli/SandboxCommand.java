package dev.gangway.cli;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.gangway.boot.AppDirs;
import dev.gangway.common.ShellWords;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Fault;
import dev.gangway.sandbox.world.Machine;

/** {@code gangway sandbox}: runs the sandbox cloud on its own, for other tools and benchmarks. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Runs the built-in sandbox cloud for other tools, until Ctrl+C.",
                "The sandbox is an EC2-compatible endpoint on 127.0.0.1 (EC2, Systems Manager, KMS, Instance "
                        + "Connect) with SSH servers behind its Linux instances.",
                "Prints the endpoint and the environment that points the AWS CLI and SDKs at it: its access key "
                        + "is made at random for each run and accepted only while it runs."})
public final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N", converter = Converters.ListenPort.class,
            description = "The HTTP port on 127.0.0.1. Default: any free port.")
    int port;

    @Option(names = "--regions", defaultValue = "0", paramLabel = "N",
            description = "Add generated instances in N regions (up to 17 real region names, then sb-region-N).")
    int regions;

    @Option(names = "--instances-per-region", defaultValue = "0", paramLabel = "N",
            description = "How many generated instances each of those regions gets.")
    int perRegion;

    @Option(names = "--no-seed", description = "Leave out the curated world (web-1, win-paris, ...).")
    boolean noSeed;

    @Option(names = "--no-ssh", description = "Do not start SSH servers behind the Linux instances.")
    boolean noSsh;

    @Option(names = "--latency", defaultValue = "0ms", paramLabel = "DURATION", converter = Converters.Millis.class,
            description = "How long every API call takes at least, the sandbox's own work included, e.g. 100ms or 1s.")
    Duration latency;

    @Option(names = "--fault", paramLabel = "REGION=KIND", mapFallbackValue = "",
            description = "Make EC2's calls in REGION fail: auth-failure, throttling, server-error, unauthorized, "
                    + "expired (credentials); "
                    + "throttling-half (every second call); no-answer (taken, never answered); "
                    + "garbled (answers cut off half-way).")
    Map<String, String> faults = new LinkedHashMap<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Sandbox data folder (key pair, host keys).")
    Path data;

    @Option(names = "--write-profile", description = "Also write this run's key, endpoint and region as the profile "
            + "'sandbox' of an AWS config file (0600) in the data folder, for AWS_CONFIG_FILE; removed on stop.")
    boolean writeProfile;

    /** Counted down when the sandbox should stop (Ctrl+C, or a test). */
    final CountDownLatch stop = new CountDownLatch(1);
    /** Counted down once it has stopped and its profile file is gone. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (regions < 0 || perRegion < 0) {
            throw new ParameterException(spec.commandLine(), (regions < 0 ? "--regions" : "--instances-per-region")
                    + " takes a count: 0 or more.");
        }
        Map<String, Fault> parsedFaults = new LinkedHashMap<>();
        faults.forEach((region, kind) -> parsedFaults.put(region, parseFault(region, kind)));
        SandboxOptions options = SandboxOptions.defaults(data != null ? data : AppDirs.detect().sandboxData())
                .withPort(port)
                .withSeeded(!noSeed)
                .withFiller(regions, perRegion)
                .withLatency(latency)
                .withFaults(parsedFaults)
                .withSshServers(!noSsh);
        SandboxCloud sandbox = start(options);
        // Ctrl+C: the JVM halts once its hooks return, so the hook waits for the clean-up below.
        Thread onCtrlC = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        var out = spec.commandLine().getOut();
        long managed = sandbox.world().machines().stream().map(m -> m.region()).distinct()
                .flatMap(r -> sandbox.world().managedNodes(r).stream()).filter(n -> !n.ec2()).count();
        out.println("Gangway sandbox cloud: " + sandbox.world().instanceCount() + " instances"
                + (managed == 0 ? "" : managed == 1 ? " and 1 managed node" : " and " + managed + " managed nodes")
                + ", endpoint " + sandbox.endpoint() + " (EC2, Systems Manager, KMS)");
        out.println("Key pair gangway-sandbox, .pem file: " + sandbox.keyFile());
        out.println("To use it from the AWS CLI or another SDK (this run's key, made at random; keep it to yourself):");
        sandbox.environment().forEach((k, v) -> out.println("export " + k + "=" + v));
        // Its SSH servers, as OpenSSH reaches them (issue 27: README's example needed a port it never printed).
        List<Machine> ssh = sandbox.world().machines().stream()
                .filter(m -> !m.windows() && m.state() == InstanceState.RUNNING
                        && m.tags.containsKey(Instance.SSH_PORT_TAG))
                .sorted(Comparator.comparing(m -> String.valueOf(m.name()))).toList();
        if (!ssh.isEmpty()) {
            out.println("Its running Linux instances over SSH (each host key is in its console output):");
            for (Machine m : ssh) {
                out.println("  ssh -i " + ShellWords.quote(sandbox.keyFile().toString()) + " -p "
                        + m.tags.get(Instance.SSH_PORT_TAG) + " " + m.osUser()
                        + "@127.0.0.1   # " + (m.name() == null ? m.id() : m.name()));
            }
        }
        Path profile = null;
        try {
            if (writeProfile) {
                profile = sandbox.writeProfile();
                out.println("Or, with the profile written to " + profile + " (readable by you only):");
                out.println("export AWS_CONFIG_FILE=" + ShellWords.quote(profile.toString()) + " AWS_PROFILE="
                        + SandboxCloud.PROFILE);
            }
            out.println("Press Ctrl+C to stop.");
            out.flush();
            stop.await();
        } finally {
            try {
                if (profile != null) {
                    Files.deleteIfExists(profile);
                }
            } finally {
                sandbox.close();
                stopped.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // already running as the hook itself
            }
        }
        return ExitCodes.OK;
    }

    /** Starts the sandbox; a folder or port it cannot use is said with what to do. */
    private SandboxCloud start(SandboxOptions options) throws IOException, CommandFailure {
        try {
            return SandboxCloud.start(options);
        } catch (FileSystemException e) {
            String reason = e instanceof NoSuchFileException ? "it does not exist and cannot be made there"
                    : e instanceof AccessDeniedException ? "you may not write there"
                    : e.getReason() != null ? e.getReason() : "it cannot be used";
            throw new CommandFailure(ExitCodes.FAILED, "cannot use the sandbox's data folder " + options.dataDirectory()
                    + " (" + e.getFile() + ": " + reason + "); give --data a folder you can write to.");
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new CommandFailure(ExitCodes.FAILED, "port " + port + " on 127.0.0.1 is in use by another "
                            + "program; give another --port, or leave it out for any free one.");
                }
            }
            throw e;
        }
    }

    private Fault parseFault(String region, String kind) {
        if (kind.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--fault takes REGION=KIND, e.g. " + region
                    + "=throttling; '" + region + "' has no kind (" + String.join(", ",
                    Converters.SandboxFault.NAMES) + ").");
        }
        try {
            return new Converters.SandboxFault().convert(kind);
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
