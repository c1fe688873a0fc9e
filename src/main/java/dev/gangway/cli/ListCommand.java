package dev.gangway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.gangway.cloud.CloudAccess;
import dev.gangway.cloud.Ec2Inventory;
import dev.gangway.cloud.FetchFailure;
import dev.gangway.cloud.Instance;
import dev.gangway.cloud.InstanceFilter;
import dev.gangway.cloud.InventoryListener;
import dev.gangway.cloud.InventoryRequest;
import dev.gangway.cloud.InventoryResult;
import dev.gangway.sandbox.CloudConnection;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.settings.AppDirs;

/** {@code gangway list}: the instance table for the shell, or JSON for scripts. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists instances across profiles and regions.",
                "Exit status: 0 all listed, 1 nothing could be listed, 2 bad arguments, 3 some profile or region failed."})
public final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE",
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

    @Option(names = "--parallelism", hidden = true, defaultValue = "32",
            description = "How many calls run at once (1 measures the sequential time).")
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
        try (CloudConnection cloud = sandbox
                ? CloudConnection.sandbox(SandboxOptions.defaults(AppDirs.detect().sandboxData()).withSshServers(false))
                : CloudConnection.aws()) {
            CloudAccess access = cloud.access();
            if (!access.hasProfiles()) {
                err.println("gangway: no AWS profiles or credentials found (looked at ~/.aws/config, "
                        + "~/.aws/credentials and AWS_ACCESS_KEY_ID). Run `aws configure`, or use --sandbox "
                        + "to list the built-in sandbox cloud.");
                return GangwayCommand.FAILED;
            }
            List<String> chosenProfiles = profiles.isEmpty() ? List.of(access.defaultProfile()) : profiles;
            for (String p : chosenProfiles) {
                if (!access.profiles().contains(p)) {
                    throw new ParameterException(spec.commandLine(), "Unknown profile '" + p + "'. Known profiles: "
                            + String.join(", ", access.profiles()) + ".");
                }
            }
            InventoryResult result;
            try (Ec2Inventory inventory = new Ec2Inventory(access, parallelism)) {
                if (allRegions) {
                    result = inventory.fetch(new InventoryRequest(chosenProfiles, List.of()), InventoryListener.NONE);
                } else if (!regions.isEmpty()) {
                    result = inventory.fetch(new InventoryRequest(chosenProfiles, regions), InventoryListener.NONE);
                } else {
                    result = fetchHomeRegions(inventory, access, chosenProfiles);
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
            for (FetchFailure f : result.failures()) {
                err.println("gangway: " + f.message());
            }
            if (result.failures().isEmpty()) {
                return GangwayCommand.OK;
            }
            return result.instances().isEmpty() && result.failures().size() >= expectedFetches(chosenProfiles)
                    ? GangwayCommand.FAILED : GangwayCommand.PARTIAL;
        }
    }

    private int expectedFetches(List<String> chosenProfiles) {
        return allRegions ? chosenProfiles.size() : chosenProfiles.size() * Math.max(1, regions.size());
    }

    private static InventoryResult fetchHomeRegions(Ec2Inventory inventory, CloudAccess access, List<String> profiles) {
        List<Instance> instances = new ArrayList<>();
        List<FetchFailure> failures = new ArrayList<>();
        Map<String, List<String>> byRegion = new LinkedHashMap<>();
        for (String p : profiles) {
            byRegion.computeIfAbsent(access.homeRegion(p), r -> new ArrayList<>()).add(p);
        }
        byRegion.forEach((region, ps) -> {
            InventoryResult r = inventory.fetch(new InventoryRequest(ps, List.of(region)), InventoryListener.NONE);
            instances.addAll(r.instances());
            failures.addAll(r.failures());
        });
        return new InventoryResult(instances, failures);
    }

    static String toJson(List<Instance> instances, List<FetchFailure> failures) throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Instance i : instances) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("profile", i.profile());
            row.put("region", i.region());
            row.put("availabilityZone", i.availabilityZone());
            row.put("id", i.id());
            row.put("name", i.name());
            row.put("state", i.state().ec2Name());
            row.put("type", i.instanceType());
            row.put("platform", i.platform().label());
            row.put("platformDetails", i.platformDetails());
            row.put("imageId", i.imageId());
            row.put("imageName", i.imageName());
            row.put("keyName", i.keyName());
            row.put("publicIp", i.publicIp());
            row.put("publicDns", i.publicDns());
            row.put("privateIp", i.privateIp());
            row.put("ipv6Addresses", i.ipv6Addresses());
            row.put("vpcId", i.vpcId());
            row.put("subnetId", i.subnetId());
            row.put("launchTime", i.launchTime() == null ? null : DateTimeFormatter.ISO_INSTANT.format(i.launchTime()));
            row.put("sshPort", i.sshPort());
            row.put("rdpPort", i.rdpPort());
            row.put("tags", i.tags());
            row.put("securityGroups", i.securityGroups().stream().map(g -> {
                Map<String, Object> sg = new LinkedHashMap<>();
                sg.put("id", g.id());
                sg.put("name", g.name());
                sg.put("inboundRules", g.inboundRules().stream().map(r -> {
                    Map<String, Object> rule = new LinkedHashMap<>();
                    rule.put("protocol", r.protocol());
                    rule.put("fromPort", r.fromPort());
                    rule.put("toPort", r.toPort());
                    rule.put("sourceType", r.source().kind().name().toLowerCase(java.util.Locale.ROOT));
                    rule.put("source", r.source().value());
                    rule.put("description", r.description());
                    return rule;
                }).toList());
                return sg;
            }).toList());
            rows.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("instances", rows);
        doc.put("failures", failures.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("profile", f.profile());
            m.put("region", f.region());
            m.put("message", f.message());
            return m;
        }).toList());
        return mapper.writeValueAsString(doc);
    }

    static String formatTime(Instant t) {
        return t == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(t);
    }
}
