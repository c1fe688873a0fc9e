package dev.gangway.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.InstanceIpv6Address;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;

import dev.gangway.aws.AwsErrors;
import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.aws.SecurityGroups;
import dev.gangway.common.DaemonThreads;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.ManagedAgent;
import dev.gangway.instance.SecurityGroup;

/**
 * Lists instances across profiles and regions in parallel: every page of DescribeInstances, joined
 * with DescribeSecurityGroups and DescribeImages. A failing profile or region is reported beside
 * the results and never hides the others.
 */
public final class Ec2Inventory implements AutoCloseable {

    /**
     * Instances per DescribeInstances page. Smaller than EC2's 1,000 maximum: the SDK parses each
     * response into a whole XML tree, and ten 1,000-instance pages in flight at once made the
     * window's memory peak several times its resting size. Most regions fit in one page anyway.
     */
    private static final int INSTANCES_PER_PAGE = 200;

    /** Image ids per DescribeImages filter; EC2 caps the values of one filter. */
    private static final int IMAGE_IDS_PER_CALL = 200;

    private final CloudAccess access;
    private final ExecutorService pool;
    /** Work that region jobs wait on runs here, never in {@code pool}, so a full pool cannot deadlock. */
    private final ExecutorService sidePool = Executors.newCachedThreadPool(DaemonThreads.named("gangway-ec2-side-"));

    private final ImageCatalog catalog;

    public Ec2Inventory(CloudAccess access) {
        this(access, 32, ImageCatalog.inMemory());
    }

    public Ec2Inventory(CloudAccess access, int parallelism, ImageCatalog catalog) {
        this.access = access;
        this.pool = Executors.newFixedThreadPool(parallelism, DaemonThreads.named("gangway-ec2-"));
        this.catalog = catalog;
    }

    public CloudAccess access() {
        return access;
    }

    /** The regions enabled for the profile's account, sorted by name. */
    public List<String> enabledRegions(String profile) throws CloudException {
        String home = access.homeRegion(profile);
        try {
            return access.ec2(profile, home)
                    .describeRegions(DescribeRegionsRequest.builder().allRegions(false).build())
                    .regions().stream()
                    .filter(r -> r.optInStatus() == null || !"not-opted-in".equals(r.optInStatus()))
                    .map(Region::regionName)
                    .sorted()
                    .toList();
        } catch (RuntimeException e) {
            throw new CloudException(AwsErrors.describe(e, profile, null), e);
        }
    }

    /**
     * Fetches all requested profiles × regions. Blocks until done; interrupting the calling thread
     * cancels the outstanding calls and throws {@link CancellationException}.
     */
    public InventoryResult fetch(InventoryRequest request, InventoryListener listener) {
        Collection<Instance> instances = new ConcurrentLinkedQueue<>();
        Collection<FetchFailure> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger planned = new AtomicInteger();
        List<Future<?>> profileJobs = new ArrayList<>();
        List<Future<?>> regionJobs = Collections.synchronizedList(new ArrayList<>());
        for (String profile : request.profiles()) {
            profileJobs.add(pool.submit(() -> {
                List<String> regions;
                if (request.allEnabledRegions()) {
                    try {
                        regions = enabledRegions(profile);
                    } catch (CloudException e) {
                        FetchFailure failure = new FetchFailure(profile, null, e.getMessage());
                        failures.add(failure);
                        listener.finished(profile, null, 0, failure);
                        return;
                    }
                } else {
                    regions = request.regions();
                }
                listener.planned(planned.addAndGet(regions.size()));
                for (String region : regions) {
                    regionJobs.add(pool.submit(() -> {
                        try {
                            List<Instance> found = fetchRegion(profile, region);
                            instances.addAll(found);
                            listener.finished(profile, region, found.size(), null);
                        } catch (RuntimeException e) {
                            if (Thread.currentThread().isInterrupted()) {
                                return;
                            }
                            FetchFailure failure = new FetchFailure(profile, region, AwsErrors.describe(e, profile, region));
                            failures.add(failure);
                            listener.finished(profile, region, 0, failure);
                        }
                    }));
                }
            }));
        }
        try {
            awaitAll(profileJobs);
            awaitAll(new ArrayList<>(regionJobs));
        } catch (InterruptedException e) {
            profileJobs.forEach(f -> f.cancel(true));
            new ArrayList<>(regionJobs).forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException("refresh cancelled");
        }
        catalog.save();
        List<Instance> sorted = new ArrayList<>(instances);
        sorted.sort(Comparator.comparing(Instance::profile).thenComparing(Instance::region)
                .thenComparing(Instance::name, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
                .thenComparing(Instance::id));
        List<FetchFailure> failed = new ArrayList<>(failures);
        failed.sort(Comparator.comparing(FetchFailure::profile)
                .thenComparing(FetchFailure::region, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new InventoryResult(sorted, failed);
    }

    private static void awaitAll(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // each job records its own failure; nothing else to do here
            } catch (CancellationException e) {
                // cancelled together with the refresh
            }
        }
    }

    /** One profile in one region: instances, then their security groups and images. */
    List<Instance> fetchRegion(String profile, String region) {
        Ec2Client ec2 = access.ec2(profile, region);
        // Security groups do not depend on the instances: ask for them at the same time.
        CompletableFuture<Map<String, SecurityGroup>> groups =
                CompletableFuture.supplyAsync(() -> securityGroups(ec2), sidePool);
        // Nor does Systems Manager's list of agents.
        CompletableFuture<Map<String, InstanceInformation>> agents =
                CompletableFuture.supplyAsync(() -> agents(access.ssm(profile, region)), sidePool);
        List<software.amazon.awssdk.services.ec2.model.Instance> raw = new ArrayList<>();
        ec2.describeInstancesPaginator(DescribeInstancesRequest.builder().maxResults(INSTANCES_PER_PAGE).build())
                .reservations()
                .forEach(r -> raw.addAll(r.instances()));
        Set<String> imageIds = new LinkedHashSet<>();
        raw.forEach(i -> {
            if (i.imageId() != null) {
                imageIds.add(i.imageId());
            }
        });
        Map<String, ImageCatalog.Facts> images = images(ec2, region, imageIds);
        Map<String, SecurityGroup> groupsById = joinQuietly(groups);
        Map<String, InstanceInformation> managed = joinAgents(agents);
        List<Instance> result = new ArrayList<>(raw.size());
        for (var i : raw) {
            InstanceInformation info = managed.get(i.instanceId());
            result.add(toInstance(profile, region, i, images.get(i.imageId()), groupsById)
                    .withAgent(info == null ? null : agent(info)));
        }
        for (InstanceInformation info : managed.values()) {
            if (info.instanceId() != null && info.instanceId().startsWith("mi-")) {
                result.add(managedNode(profile, region, info));
            }
        }
        return result;
    }

    /**
     * Systems Manager's managed nodes of the region by id (DescribeInstanceInformation). Without it
     * (no permission, no endpoint) the inventory is still whole, only without agent facts.
     */
    private static Map<String, InstanceInformation> agents(SsmClient ssm) {
        Map<String, InstanceInformation> byId = new LinkedHashMap<>();
        ssm.describeInstanceInformationPaginator(r -> r.maxResults(50)).instanceInformationList()
                .forEach(info -> byId.put(info.instanceId(), info));
        return byId;
    }

    private static Map<String, InstanceInformation> joinAgents(CompletableFuture<Map<String, InstanceInformation>> agents) {
        try {
            return agents.join();
        } catch (CompletionException | CancellationException e) {
            return Map.of();
        }
    }

    private static ManagedAgent agent(InstanceInformation info) {
        return new ManagedAgent(ManagedAgent.Ping.fromSsm(info.pingStatusAsString()), info.agentVersion(),
                info.platformName() == null ? null
                        : info.platformVersion() == null || info.platformVersion().isBlank() ? info.platformName()
                        : info.platformName() + " " + info.platformVersion(),
                info.lastPingDateTime());
    }

    /** A node outside EC2 that Systems Manager manages (a hybrid activation): Session Manager is its way in. */
    private static Instance managedNode(String profile, String region, InstanceInformation info) {
        String name = info.name() != null && !info.name().isBlank() ? info.name()
                : info.computerName() == null ? "" : info.computerName();
        ManagedAgent agent = agent(info);
        return new Instance(profile, region, null, info.instanceId(), name, Map.of(),
                agent.online() ? InstanceState.RUNNING : InstanceState.UNKNOWN, "Managed node",
                "Windows".equalsIgnoreCase(info.platformTypeAsString()) ? GuestOs.WINDOWS : GuestOs.LINUX,
                agent.platformName(), null, null, null, null, null, blankToNull(info.ipAddress()), List.of(), null, null,
                info.registrationDate(), List.of(), agent);
    }

    private static Map<String, SecurityGroup> joinQuietly(CompletableFuture<Map<String, SecurityGroup>> groups) {
        try {
            return groups.join();
        } catch (RuntimeException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private static Map<String, SecurityGroup> securityGroups(Ec2Client ec2) {
        Map<String, SecurityGroup> byId = new HashMap<>();
        ec2.describeSecurityGroupsPaginator(DescribeSecurityGroupsRequest.builder().maxResults(1000).build())
                .securityGroups()
                .forEach(g -> byId.put(g.groupId(), SecurityGroups.of(g)));
        return byId;
    }

    /** The facts of each image: from the catalog where known, else from DescribeImages (then remembered). */
    private Map<String, ImageCatalog.Facts> images(Ec2Client ec2, String region, Set<String> ids) {
        Map<String, ImageCatalog.Facts> byId = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            ImageCatalog.Facts known = catalog.get(region, id);
            if (known != null) {
                byId.put(id, known);
            } else {
                unknown.add(id);
            }
        }
        for (int start = 0; start < unknown.size(); start += IMAGE_IDS_PER_CALL) {
            List<String> chunk = unknown.subList(start, Math.min(unknown.size(), start + IMAGE_IDS_PER_CALL));
            // A filter, not ImageIds: a deregistered AMI must not fail the whole call.
            ec2.describeImagesPaginator(DescribeImagesRequest.builder()
                            .filters(Filter.builder().name("image-id").values(chunk).build())
                            .includeDeprecated(true)
                            .build())
                    .images()
                    .forEach(img -> {
                        ImageCatalog.Facts facts = new ImageCatalog.Facts(img.name(), img.platformAsString(),
                                img.platformDetails());
                        byId.put(img.imageId(), facts);
                        catalog.put(region, img.imageId(), facts);
                    });
        }
        return byId;
    }

    private static Instance toInstance(String profile, String region,
                                       software.amazon.awssdk.services.ec2.model.Instance i, ImageCatalog.Facts image,
                                       Map<String, SecurityGroup> groups) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag t : i.tags()) {
            if (t.key() != null) {
                tags.put(t.key(), t.value() == null ? "" : t.value());
            }
        }
        Set<String> ipv6 = new LinkedHashSet<>();
        if (i.ipv6Address() != null && !i.ipv6Address().isBlank()) {
            ipv6.add(i.ipv6Address());
        }
        for (InstanceNetworkInterface ni : i.networkInterfaces()) {
            for (InstanceIpv6Address a : ni.ipv6Addresses()) {
                if (a.ipv6Address() != null) {
                    ipv6.add(a.ipv6Address());
                }
            }
        }
        List<SecurityGroup> attached = new ArrayList<>();
        for (GroupIdentifier g : i.securityGroups()) {
            attached.add(groups.getOrDefault(g.groupId(), SecurityGroup.unresolved(g.groupId(), g.groupName())));
        }
        String platform = i.platformAsString();
        if (platform == null && image != null) {
            platform = image.platform();
        }
        return new Instance(
                profile,
                region,
                i.placement() == null ? null : i.placement().availabilityZone(),
                i.instanceId(),
                tags.getOrDefault("Name", ""),
                tags,
                InstanceState.fromEc2(i.state() == null ? null : i.state().nameAsString()),
                i.instanceTypeAsString(),
                GuestOs.fromEc2(platform),
                i.platformDetails() != null ? i.platformDetails() : image == null ? null : image.platformDetails(),
                i.imageId(),
                image == null ? null : image.name(),
                i.keyName(),
                blankToNull(i.publicIpAddress()),
                blankToNull(i.publicDnsName()),
                blankToNull(i.privateIpAddress()),
                List.copyOf(ipv6),
                i.vpcId(),
                i.subnetId(),
                i.launchTime(),
                attached,
                null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        sidePool.shutdownNow();
    }
}
