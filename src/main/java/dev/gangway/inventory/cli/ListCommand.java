package dev.gangway.inventory.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.boot.AppDirs;
import dev.gangway.boot.CloudConnection;
import dev.gangway.cli.ExitCodes;
import dev.gangway.common.DaemonThreads;
import dev.gangway.instance.Instance;
import dev.gangway.instance.ManagedAgent;
import dev.gangway.instance.SecurityGroup;
import dev.gangway.instance.SecurityGroupRule;
import dev.gangway.inventory.Ec2Inventory;
import dev.gangway.inventory.FetchFailure;
import dev.gangway.inventory.ImageCatalog;
import dev.gangway.inventory.InstanceCache;
import dev.gangway.inventory.InstanceFilter;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.inventory.InventoryResult;

/** {@code gangway list}: the instance table for the shell, or JSON for scripts. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists instances across profiles and regions.",
                "Exit status: 0 all listed, 1 nothing could be listed, 2 bad arguments, 3 some profile or region failed."})
public final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-P", "--profile"}, paramLabel = "PROFILE",
            description = "AWS profile to list (repeatable). Default: AWS_PROFILE, else 'default'.")
    List<String> profiles = new ArrayList<>();

    @Option(names = {"-r", "--region"}, paramLabel = "REGION",
            description = "Region to list (repeatable). Default: the profile's own region.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--all-regions", description = "List every region enabled for the account.")
    boolean allRegions;

    @Option(names = {"-f", "--filter"}, paramLabel = "TEXT",
            description = "Only instances whose name, tag values, id, IPs or DNS contain every word of TEXT.")
    String filter;

    @Option(names = "--json", description = "Print JSON: {\"instances\": [...], \"failures\": [...]}.")
    boolean json;

    @Option(names = "--sandbox", description = "List the built-in sandbox cloud instead of AWS.")
    boolean sandbox;

    @Option(names = "--parallelism", defaultValue = "32", paramLabel = "N",
            description = "How many AWS calls run at once. Default: 32 (1 measures the sequential time).")
    int parallelism;

    @Override
    public Integer call() throws IOException {
        if (allRegions && !regions.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Use either --region or --all-regions, not both.");
        }
        if (parallelism < 1) {
            throw new ParameterException(spec.commandLine(), "--parallelism must be at least 1.");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // The sandbox with its SSH servers, as `gangway sandbox` and the window run it: the same world
        // both ways, web-1's port included (issue 27; ~0.2 s more for `list --sandbox` only).
        try (CloudConnection cloud = CloudConnection.forCommand(sandbox, true)) {
            CloudAccess access = cloud.access();
            if (!access.hasProfiles()) {
                err.println("gangway: " + (access.configProblem() != null ? access.configProblem()
                        : "no AWS profiles or credentials found (looked at ~/.aws/config, ~/.aws/credentials and "
                        + "AWS_ACCESS_KEY_ID). Run `aws configure`, or use --sandbox to list the built-in sandbox "
                        + "cloud."));
                return ExitCodes.FAILED;
            }
            List<String> chosenProfiles = profiles.isEmpty() ? List.of(access.requestedProfile()) : profiles;
            for (String p : chosenProfiles) {
                if (!access.profiles().contains(p) && access.configProblem() != null) {
                    err.println("gangway: " + access.configProblem());
                    return ExitCodes.FAILED;
                }
                if (!access.profiles().contains(p)) {
                    throw new ParameterException(spec.commandLine(), "Unknown profile '" + p + "'"
                            + (profiles.isEmpty() ? " (from AWS_PROFILE)" : "") + ". Known profiles: "
                            + String.join(", ", access.profiles()) + ".");
                }
            }
            if (!regions.isEmpty() && chosenProfiles.size() == 1) {
                refuseUnknownRegions(access, chosenProfiles.get(0));
            }
            InventoryResult result;
            // AMI facts never change: remembered between runs, so later listings skip most DescribeImages calls.
            ImageCatalog images = sandbox ? ImageCatalog.inMemory() : ImageCatalog.at(AppDirs.detect().imageCatalog());
            // The regions listed in full, so the cache forgets what a region no longer has.
            Set<String> listed = ConcurrentHashMap.newKeySet();
            InventoryListener listener = new InventoryListener() {
                @Override
                public void finished(String profile, String region, int instances, FetchFailure failure) {
                    if (failure == null && region != null) {
                        listed.add(InstanceCache.regionKey(profile, region));
                    }
                }
            };
            try (Ec2Inventory inventory = new Ec2Inventory(access, parallelism, images)) {
                if (allRegions) {
                    result = inventory.fetch(new InventoryRequest(chosenProfiles, List.of()), listener);
                } else if (!regions.isEmpty()) {
                    result = inventory.fetch(new InventoryRequest(chosenProfiles, regions), listener);
                } else {
                    result = fetchHomeRegions(inventory, access, chosenProfiles, listener);
                }
            }
            Predicate<String> query = InstanceFilter.query(filter);
            List<Instance> shown = result.instances().stream().filter(i -> query.test(InstanceFilter.searchText(i))).toList();
            if (json) {
                out.println(toJson(shown, result.failures()));
            } else {
                InstanceTable.print(shown, chosenProfiles.size() > 1, out);
            }
            out.flush();
            // What `gangway ssh NAME` then finds without asking EC2 again (InstanceCache).
            cloud.cacheScope().ifPresent(scope -> new InstanceCache(AppDirs.detect().instanceCache(),
                    Clock.systemUTC()).rememberListing(scope, result.instances(), listed));
            for (FetchFailure f : result.failures()) {
                err.println("gangway: " + f.message());
            }
            if (result.failures().isEmpty()) {
                return ExitCodes.OK;
            }
            return result.instances().isEmpty() && result.failures().size() >= expectedFetches(chosenProfiles)
                    ? ExitCodes.FAILED : ExitCodes.PARTIAL;
        }
    }

    private int expectedFetches(List<String> chosenProfiles) {
        return allRegions ? chosenProfiles.size() : chosenProfiles.size() * Math.max(1, regions.size());
    }

    /**
     * Refuses a --region that the profile's account does not have (a typo, a region not enabled),
     * as EC2's DescribeRegions lists them; when that cannot be asked, the listing says what failed.
     */
    private void refuseUnknownRegions(CloudAccess access, String profile) {
        List<String> known;
        try (Ec2Inventory probe = new Ec2Inventory(access)) {
            known = probe.enabledRegions(profile);
        } catch (CloudException | RuntimeException e) {
            return;
        }
        for (String r : regions) {
            if (!known.contains(r)) {
                throw new ParameterException(spec.commandLine(), "Unknown region '" + r + "': not one of the regions "
                        + "enabled for profile '" + profile + "' (" + String.join(", ", known) + ").");
            }
        }
    }

    /**
     * Each profile in its own region: one fetch per distinct home region, all at the same time, each
     * on a thread of its own (never the common pool, whose single worker on 2 cores the SDK's calls
     * may need: see ListOnTwoCoresTest).
     */
    private static InventoryResult fetchHomeRegions(Ec2Inventory inventory, CloudAccess access, List<String> profiles,
            InventoryListener listener) {
        Map<String, List<String>> byRegion = new LinkedHashMap<>();
        for (String p : profiles) {
            byRegion.computeIfAbsent(access.homeRegion(p), r -> new ArrayList<>()).add(p);
        }
        ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("gangway-list-region-"));
        try {
            List<CompletableFuture<InventoryResult>> fetches = byRegion.entrySet().stream()
                    .map(e -> CompletableFuture.supplyAsync(() -> inventory.fetch(
                            new InventoryRequest(e.getValue(), List.of(e.getKey())), listener), threads))
                    .toList();
            List<Instance> instances = new ArrayList<>();
            List<FetchFailure> failures = new ArrayList<>();
            for (CompletableFuture<InventoryResult> f : fetches) {
                InventoryResult r = f.join();
                instances.addAll(r.instances());
                failures.addAll(r.failures());
            }
            return new InventoryResult(instances, failures);
        } finally {
            threads.shutdown();
        }
    }

    /**
     * The JSON document, written with jackson-core's streaming generator: databind's ObjectMapper
     * would add a fifth of a second of class loading to every `list --json`.
     */
    static String toJson(List<Instance> instances, List<FetchFailure> failures) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("instances");
            for (Instance i : instances) {
                json.writeStartObject();
                json.writeStringField("profile", i.profile());
                json.writeStringField("region", i.region());
                json.writeStringField("availabilityZone", i.availabilityZone());
                json.writeStringField("id", i.id());
                json.writeStringField("name", i.name());
                json.writeStringField("state", i.state().ec2Name());
                json.writeStringField("type", i.instanceType());
                json.writeStringField("platform", i.platform().label());
                json.writeStringField("platformDetails", i.platformDetails());
                json.writeStringField("imageId", i.imageId());
                json.writeStringField("imageName", i.imageName());
                json.writeStringField("keyName", i.keyName());
                json.writeStringField("publicIp", i.publicIp());
                json.writeStringField("publicDns", i.publicDns());
                json.writeStringField("privateIp", i.privateIp());
                json.writeArrayFieldStart("ipv6Addresses");
                for (String a : i.ipv6Addresses()) {
                    json.writeString(a);
                }
                json.writeEndArray();
                json.writeStringField("vpcId", i.vpcId());
                json.writeStringField("subnetId", i.subnetId());
                json.writeStringField("launchTime",
                        i.launchTime() == null ? null : DateTimeFormatter.ISO_INSTANT.format(i.launchTime()));
                json.writeNumberField("sshPort", i.sshPort());
                json.writeNumberField("rdpPort", i.rdpPort());
                json.writeObjectFieldStart("tags");
                for (Map.Entry<String, String> tag : i.tags().entrySet()) {
                    json.writeStringField(tag.getKey(), tag.getValue());
                }
                json.writeEndObject();
                json.writeArrayFieldStart("securityGroups");
                for (SecurityGroup g : i.securityGroups()) {
                    json.writeStartObject();
                    json.writeStringField("id", g.id());
                    json.writeStringField("name", g.name());
                    json.writeArrayFieldStart("inboundRules");
                    for (SecurityGroupRule r : g.inboundRules()) {
                        json.writeStartObject();
                        json.writeStringField("protocol", r.protocol());
                        json.writeNumberField("fromPort", r.fromPort());
                        json.writeNumberField("toPort", r.toPort());
                        json.writeStringField("sourceType", r.source().kind().name().toLowerCase(Locale.ROOT));
                        json.writeStringField("source", r.source().value());
                        json.writeStringField("description", r.description());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeBooleanField("managedNode", i.isManagedNode());
                ManagedAgent agent = i.agent();
                if (agent == null) {
                    json.writeNullField("sessionManager");
                } else {
                    json.writeObjectFieldStart("sessionManager");
                    json.writeStringField("pingStatus", agent.ping().label());
                    json.writeBooleanField("online", agent.online());
                    json.writeStringField("agentVersion", agent.agentVersion());
                    json.writeStringField("platform", agent.platformName());
                    json.writeStringField("lastPing", agent.lastPing() == null ? null : agent.lastPing().toString());
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("failures");
            for (FetchFailure f : failures) {
                json.writeStartObject();
                json.writeStringField("profile", f.profile());
                json.writeStringField("region", f.region());
                json.writeStringField("message", f.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return text.toString();
    }
}
