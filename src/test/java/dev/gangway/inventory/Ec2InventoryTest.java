package dev.gangway.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

import dev.gangway.aws.AwsWarmup;
import dev.gangway.aws.CloudAccess;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.ManagedAgent;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.RuleSource;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Fault;

/** The inventory through the real SDK against the sandbox endpoint. */
class Ec2InventoryTest {

    @TempDir
    static Path data;
    static SandboxCloud sandbox;
    static CloudAccess access;
    static Ec2Inventory inventory;

    @BeforeAll
    static void start() throws Exception {
        // 1,200 generated instances in us-east-1 beside the curated world: more than one page of 1,000.
        sandbox = SandboxCloud.start(SandboxOptions.defaults(data).withSshServers(false).withFiller(1, 1200));
        access = sandbox.cloudAccess();
        inventory = new Ec2Inventory(access);
    }

    @AfterAll
    static void stop() {
        inventory.close();
        access.close();
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.world().setFault("eu-west-3", null);
        sandbox.world().setFault("ap-southeast-2", null);
    }

    @Test
    void listsEveryInstanceOfEveryEnabledRegionFollowingNextToken() {
        InventoryResult result = inventory.fetch(new InventoryRequest(List.of("sandbox"), List.of()), InventoryListener.NONE);
        assertThat(result.failures()).isEmpty();
        // Every EC2 instance, and the one managed node outside EC2 that Systems Manager knows.
        assertThat(result.instances()).hasSize(sandbox.world().instanceCount() + 1);
        assertThat(result.instances().stream().filter(i -> i.region().equals("us-east-1"))).hasSize(1200 + 7 + 1);
        assertThat(result.instances()).extracting(Instance::region).containsOnly("us-east-1", "eu-west-3", "ap-southeast-2");
        assertThat(result.instances()).extracting(Instance::id).doesNotHaveDuplicates();
    }

    @Test
    void instancesAreJoinedWithTheirSsmAgentsAndManagedNodesAreListed() {
        InventoryResult result = inventory.fetch(new InventoryRequest(List.of("sandbox"), List.of("us-east-1")),
                InventoryListener.NONE);
        Instance web = named(result, "web-1");
        assertThat(web.agent().ping()).isEqualTo(ManagedAgent.Ping.ONLINE);
        assertThat(web.agent().agentVersion()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(web.sessionManagerOnline()).isTrue();
        assertThat(named(result, "rhel-batch").agent().ping()).isEqualTo(ManagedAgent.Ping.CONNECTION_LOST);
        assertThat(named(result, "rhel-batch").sessionManagerOnline()).isFalse();
        Instance node = named(result, "on-prem-build");
        assertThat(node.id()).startsWith("mi-");
        assertThat(node.isManagedNode()).isTrue();
        assertThat(node.instanceType()).isEqualTo("Managed node");
        assertThat(node.privateIp()).isEqualTo("10.20.0.15");
        assertThat(node.publicIp()).isNull();
        assertThat(node.securityGroups()).isEmpty();
        assertThat(node.sessionManagerOnline()).isTrue();
        assertThat(result.instances()).filteredOn(i -> i.agent() == null).isNotEmpty()
                .allSatisfy(i -> assertThat(i.isManagedNode()).isFalse());
    }

    @Test
    void instancesAreJoinedWithTheirRulesAndImages() {
        InventoryResult result = inventory.fetch(new InventoryRequest(List.of("sandbox"), List.of("us-east-1", "eu-west-3")),
                InventoryListener.NONE);
        Instance web = named(result, "web-1");
        assertThat(web.profile()).isEqualTo("sandbox");
        assertThat(web.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(web.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(web.platform()).isEqualTo(GuestOs.LINUX);
        assertThat(web.imageName()).startsWith("al2023-ami-");
        assertThat(web.keyName()).isEqualTo("gangway-sandbox");
        assertThat(web.tags()).containsEntry("Environment", "production");
        assertThat(web.securityGroups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("web-tier");
            assertThat(g.inboundRules()).extracting(r -> r.protocol() + " " + r.portLabel() + " " + r.source().value())
                    .contains("tcp 22 0.0.0.0/0", "tcp 443 0.0.0.0/0", "tcp 22 ::/0");
        });
        Instance db = named(result, "db-debian");
        assertThat(db.publicIp()).isNull();
        assertThat(db.securityGroups().get(0).inboundRules())
                .anySatisfy(r -> assertThat(r.source().kind()).isEqualTo(RuleSource.Kind.SECURITY_GROUP));
        Instance paris = named(result, "win-paris");
        assertThat(paris.platform()).isEqualTo(GuestOs.WINDOWS);
        assertThat(paris.imageName()).contains("French");
        assertThat(paris.rdpPort()).isEqualTo(3389);
        Instance v6 = named(result, "ipv6-only");
        assertThat(v6.ipv6Addresses()).containsExactly("::1");
        assertThat(v6.publicIp()).isNull();
    }

    @Test
    void aFailingRegionIsReportedWhileTheOthersList() {
        sandbox.world().setFault("eu-west-3", Fault.AUTH_FAILURE);
        Map<String, FetchFailure> reported = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        InventoryResult result = inventory.fetch(new InventoryRequest(List.of("sandbox"), List.of()), new InventoryListener() {
            @Override
            public void finished(String profile, String region, int instances, FetchFailure failure) {
                done.incrementAndGet();
                if (failure != null) {
                    reported.put(region, failure);
                }
            }
        });
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo("eu-west-3");
            assertThat(f.message()).contains("eu-west-3").contains("AuthFailure").contains("refused the credentials");
        });
        assertThat(reported).containsOnlyKeys("eu-west-3");
        assertThat(done).hasValue(3);
        assertThat(result.instances()).extracting(Instance::region).contains("us-east-1", "ap-southeast-2")
                .doesNotContain("eu-west-3");
    }

    @Test
    void throttlingBeyondRetriesAndServerErrorsSayWhatToDo() {
        sandbox.world().setFault("eu-west-3", Fault.THROTTLING);
        sandbox.world().setFault("ap-southeast-2", Fault.SERVER_ERROR);
        InventoryResult result = inventory.fetch(new InventoryRequest(List.of("sandbox"),
                List.of("eu-west-3", "ap-southeast-2")), InventoryListener.NONE);
        assertThat(result.failures()).extracting(FetchFailure::region).containsExactly("ap-southeast-2", "eu-west-3");
        assertThat(result.failures().get(1).message()).contains("throttling").contains("Wait a minute");
        assertThat(result.failures().get(0).message()).contains("server error").contains("InternalError");
    }

    /**
     * One region takes every call and never answers while another throttles every second call: the
     * listing still completes within the bounded call time (here 2 s, set as a user may), the
     * throttled region listed in full through the SDK's retries, the silent one reported.
     */
    @Test
    void aRegionThatNeverAnswersIsReportedWhileAHalfThrottledOneListsInFull() throws Exception {
        sandbox.world().setFault("eu-west-3", Fault.NO_ANSWER);
        sandbox.world().setFault("ap-southeast-2", Fault.THROTTLING_HALF);
        System.setProperty("gangway.awsCallTimeout", "PT2S");
        try (CloudAccess bounded = sandbox.cloudAccess(); Ec2Inventory inv = new Ec2Inventory(bounded)) {
            long started = System.nanoTime();
            InventoryResult result = inv.fetch(new InventoryRequest(List.of("sandbox"),
                    List.of("eu-west-3", "ap-southeast-2")), InventoryListener.NONE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(result.failures()).singleElement().satisfies(f -> {
                assertThat(f.region()).isEqualTo("eu-west-3");
                assertThat(f.message()).contains("did not answer in time").contains("eu-west-3");
            });
            assertThat(result.instances().stream().filter(i -> i.region().equals("ap-southeast-2")).count())
                    .isEqualTo(sandbox.world().machines().stream().filter(m -> m.region().equals("ap-southeast-2"))
                            .count());
        } finally {
            System.clearProperty("gangway.awsCallTimeout");
        }
    }

    @Test
    void aRegionNotEnabledForTheAccountSaysHowToEnableIt() {
        InventoryResult result = inventory.fetch(new InventoryRequest(List.of("sandbox"), List.of("af-south-1", "eu-west-3")),
                InventoryListener.NONE);
        assertThat(result.instances()).extracting(Instance::region).containsOnly("eu-west-3");
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo("af-south-1");
            assertThat(f.message()).contains("not enabled").contains("OptInRequired").contains("AWS Regions");
        });
    }

    @Test
    void profilesComeFromTheConfigFilesAndEndpointUrlIsHonoured(@TempDir Path home) throws Exception {
        Path config = home.resolve("config");
        Path credentials = home.resolve("credentials");
        String endpoint = sandbox.endpoint().toString();
        Files.writeString(config, """
                [default]
                region = us-east-1
                endpoint_url = %s
                [profile alpha]
                region = eu-west-3
                endpoint_url = %s
                [profile broken]
                region = us-east-1
                endpoint_url = %s
                """.formatted(endpoint, endpoint, endpoint));
        Files.writeString(credentials, """
                [default]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                [alpha]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                [broken]
                aws_access_key_id = %s
                aws_secret_access_key = wrong
                """.formatted(sandbox.accessKey().accessKeyId(), sandbox.accessKey().secretAccessKey(),
                sandbox.accessKey().accessKeyId(), sandbox.accessKey().secretAccessKey(),
                sandbox.accessKey().accessKeyId()));
        ProfileFile file = ProfileFile.aggregator()
                .addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build())
                .addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build())
                .build();
        try (CloudAccess fromFiles = CloudAccess.fromProfileFile(file, Map.of("AWS_PROFILE", "alpha"));
             Ec2Inventory inv = new Ec2Inventory(fromFiles)) {
            assertThat(fromFiles.profiles()).containsExactly("alpha", "broken", "default");
            assertThat(fromFiles.defaultProfile()).isEqualTo("alpha");
            assertThat(fromFiles.homeRegion("alpha")).isEqualTo("eu-west-3");
            InventoryResult result = inv.fetch(new InventoryRequest(List.of("alpha", "broken"), List.of()),
                    InventoryListener.NONE);
            assertThat(result.instances()).extracting(Instance::profile).containsOnly("alpha");
            assertThat(result.instances()).extracting(Instance::name).contains("web-1", "win-paris");
            assertThat(result.failures()).singleElement().satisfies(f -> {
                assertThat(f.profile()).isEqualTo("broken");
                assertThat(f.region()).isNull();
                assertThat(f.message()).contains("profile 'broken'").contains("AuthFailure");
            });
        }
    }

    @Test
    void noProfilesAndNoCredentialsMeansNothingToList() {
        try (CloudAccess empty = CloudAccess.fromProfileFile(ProfileFile.aggregator().build(), Map.of())) {
            assertThat(empty.hasProfiles()).isFalse();
            assertThat(empty.defaultProfile()).isNull();
        }
        try (CloudAccess envOnly = CloudAccess.fromProfileFile(ProfileFile.aggregator().build(),
                Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"))) {
            assertThat(envOnly.profiles()).containsExactly("default");
        }
    }

    private static Instance named(InventoryResult result, String name) {
        return result.instances().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void imagesSeenOnceAreNotAskedForAgainAndAreRememberedBetweenRuns(@TempDir Path home) throws Exception {
        Path file = home.resolve("cache").resolve("images.tsv");
        InventoryRequest request = new InventoryRequest(List.of("sandbox"), List.of("us-east-1", "eu-west-3"));
        long before = sandbox.world().calls("DescribeImages");
        List<Instance> first;
        try (Ec2Inventory inv = new Ec2Inventory(access, 8, ImageCatalog.at(file))) {
            first = inv.fetch(request, InventoryListener.NONE).instances();
        }
        assertThat(sandbox.world().calls("DescribeImages") - before).as("one call per region the first time").isEqualTo(2);
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE);
        }

        // A new process: the catalog comes from the file; the listing is the same without DescribeImages.
        long describeInstances = sandbox.world().calls("DescribeInstances");
        before = sandbox.world().calls("DescribeImages");
        List<Instance> second;
        try (Ec2Inventory inv = new Ec2Inventory(access, 8, ImageCatalog.at(file))) {
            second = inv.fetch(request, InventoryListener.NONE).instances();
        }
        assertThat(sandbox.world().calls("DescribeImages") - before).isZero();
        assertThat(sandbox.world().calls("DescribeInstances")).isGreaterThan(describeInstances);
        assertThat(second).usingRecursiveFieldByFieldElementComparatorIgnoringFields("agent.lastPing")
                .containsExactlyElementsOf(first);
        assertThat(first.stream().filter(i -> i.name().equals("win-paris")).findFirst().orElseThrow().platform()).isEqualTo(GuestOs.WINDOWS);
        assertThat(second.stream().filter(i -> i.name().equals("win-paris")).findFirst().orElseThrow().imageName()).contains("French");
    }

    @Test
    void aDamagedImageCatalogIsIgnoredLineByLine(@TempDir Path home) throws Exception {
        Path file = home.resolve("images.tsv");
        Files.writeString(file, "garbage\nus-east-1\tami-1\twindows\tWindows\tWindows_Server-2022-English\n\t\t\n");
        ImageCatalog catalog = ImageCatalog.at(file);
        assertThat(catalog.size()).isEqualTo(1);
        assertThat(catalog.get("us-east-1", "ami-1"))
                .isEqualTo(new ImageCatalog.Facts("Windows_Server-2022-English", "windows", "Windows"));
        catalog.save();
        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(ImageCatalog.at(home.resolve("missing.tsv")).size()).isZero();
    }

    @Test
    void aCloudAccessMadeAfterTheWarmUpListsThroughTheHttpClientTheWarmUpBuilt() {
        AwsWarmup.start();
        try (CloudAccess warmed = sandbox.cloudAccess(); Ec2Inventory inv = new Ec2Inventory(warmed)) {
            InventoryResult result = inv.fetch(new InventoryRequest(List.of("sandbox"), List.of("eu-west-3")),
                    InventoryListener.NONE);
            assertThat(result.failures()).isEmpty();
            assertThat(result.instances()).extracting(Instance::name).contains("win-paris");
        }
        assertThat(AwsWarmup.takeHttpClient()).as("handed out once").isNull();
    }
}
