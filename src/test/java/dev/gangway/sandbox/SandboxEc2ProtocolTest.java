package dev.gangway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.world.SandboxKeyPair;
import dev.gangway.sandbox.world.SeedWorld;

/** The sandbox's EC2 endpoint, driven by the real AWS SDK (real marshalling, signing and paging). */
class SandboxEc2ProtocolTest {

    @TempDir
    static Path data;
    static SandboxCloud sandbox;
    static Ec2Client useast1;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(data).withSshServers(false).withClock(Clock.systemUTC()));
        useast1 = client("us-east-1");
    }

    @AfterAll
    static void stop() {
        useast1.close();
        sandbox.close();
    }

    static Ec2Client client(String region) {
        return Ec2Client.builder()
                .endpointOverride(sandbox.endpoint())
                .region(Region.of(region))
                .credentialsProvider(sandbox.credentials())
                .build();
    }

    @Test
    void describeRegionsListsOnlyEnabledRegionsUnlessAllAreAsked() {
        List<String> enabled = useast1.describeRegions().regions().stream().map(r -> r.regionName()).toList();
        assertThat(enabled).contains("us-east-1", "eu-west-3", "ap-southeast-2").doesNotContain("af-south-1");
        List<String> all = useast1.describeRegions(r -> r.allRegions(true)).regions().stream()
                .map(r -> r.regionName()).toList();
        assertThat(all).contains("af-south-1");
    }

    @Test
    void describeInstancesReturnsTheSeededWorldWithAllFields() {
        List<Instance> instances = useast1.describeInstancesPaginator().reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
        assertThat(instances).extracting(i -> i.tags().stream().filter(t -> t.key().equals("Name")).findFirst()
                .orElseThrow().value())
                .contains("web-1", "api-ubuntu", "db-debian", "rhel-batch", "win-app", "ci-runner", "old-bastion");
        Instance web = byName(instances, "web-1");
        assertThat(web.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(web.publicIpAddress()).isEqualTo("127.0.0.1");
        assertThat(web.privateIpAddress()).isEqualTo("172.31.10.11");
        assertThat(web.keyName()).isEqualTo(SandboxKeyPair.NAME);
        assertThat(web.placement().availabilityZone()).isEqualTo("us-east-1a");
        assertThat(web.securityGroups()).extracting(g -> g.groupName()).containsExactly("web-tier");
        assertThat(web.launchTime()).isNotNull();
        assertThat(web.platformDetails()).isEqualTo("Linux/UNIX");
        Instance win = byName(instances, "win-app");
        assertThat(win.platformAsString()).isEqualTo("windows");
        assertThat(byName(instances, "old-bastion").state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(byName(instances, "rhel-batch").state().name()).isEqualTo(InstanceStateName.STOPPED);
    }

    @Test
    void theSameIdsOnEveryRun() throws Exception {
        Path other = data.resolve("second");
        try (SandboxCloud second = SandboxCloud.start(SandboxOptions.defaults(other).withSshServers(false))) {
            Ec2Client c = Ec2Client.builder().endpointOverride(second.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(second.credentials()).build();
            List<String> a = ids(useast1);
            List<String> b = ids(c);
            c.close();
            assertThat(b).isEqualTo(a).isNotEmpty();
        }
    }

    @Test
    void theKeyPairIsReadOnlyWhenFirstNeededAndKeptAcrossRuns() throws Exception {
        Path other = data.resolve("lazy");
        Path pem = other.resolve(SandboxKeyPair.NAME + ".pem");
        String fingerprint;
        try (SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(other).withSshServers(false))) {
            // Listing instances needs no key: the start did not make (or read) one.
            try (Ec2Client c = Ec2Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(sandbox.credentials()).build()) {
                assertThat(ids(c)).isNotEmpty();
            }
            assertThat(pem).doesNotExist();
            assertThat(sandbox.keyFile()).isEqualTo(pem).isRegularFile();
            assertThat(Files.getPosixFilePermissions(pem)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            fingerprint = sandbox.keyFingerprint();
        }
        try (SandboxCloud again = SandboxCloud.start(SandboxOptions.defaults(other).withSshServers(false))) {
            assertThat(again.keyFingerprint()).isEqualTo(fingerprint);
        }
    }

    @Test
    void ipv6OnlyInstanceHasAnIpv6AddressAndNoIpv4() {
        try (Ec2Client paris = client("eu-west-3")) {
            Instance v6 = byName(paris.describeInstances().reservations().stream()
                    .flatMap(r -> r.instances().stream()).toList(), "ipv6-only");
            assertThat(v6.publicIpAddress()).isNull();
            assertThat(v6.privateIpAddress()).isNull();
            assertThat(v6.ipv6Address()).isEqualTo("::1");
            assertThat(v6.networkInterfaces().get(0).ipv6Addresses()).extracting(a -> a.ipv6Address())
                    .containsExactly("::1");
        }
    }

    @Test
    void filtersByTagStateAndId() {
        List<Instance> running = useast1.describeInstances(r -> r.filters(
                        Filter.builder().name("instance-state-name").values("running").build(),
                        Filter.builder().name("tag:Environment").values("prod*").build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).toList();
        assertThat(running).extracting(Ec2ProtocolNames::name).containsExactlyInAnyOrder("web-1", "db-debian", "win-app");
        String id = running.get(0).instanceId();
        assertThat(useast1.describeInstances(r -> r.filters(Filter.builder().name("instance-id").values(id).build()))
                .reservations()).hasSize(1);
        assertThatThrownBy(() -> useast1.describeInstances(r -> r.filters(Filter.builder().name("bogus").values("x").build())))
                .isInstanceOf(Ec2Exception.class)
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void unknownInstanceIdIsAnEc2ErrorDocument() {
        assertThatThrownBy(() -> useast1.describeInstances(r -> r.instanceIds("i-0000000000000dead")))
                .isInstanceOf(Ec2Exception.class)
                .satisfies(e -> {
                    Ec2Exception ec2 = (Ec2Exception) e;
                    assertThat(ec2.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
                    assertThat(ec2.awsErrorDetails().errorMessage()).contains("i-0000000000000dead");
                    assertThat(ec2.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void securityGroupsCarryTheirInboundRules() {
        var groups = useast1.describeSecurityGroups().securityGroups();
        var web = groups.stream().filter(g -> g.groupName().equals("web-tier")).findFirst().orElseThrow();
        IpPermission ssh = web.ipPermissions().stream().filter(p -> p.fromPort() == 22).findFirst().orElseThrow();
        assertThat(ssh.ipProtocol()).isEqualTo("tcp");
        assertThat(ssh.ipRanges()).extracting(IpRange::cidrIp).containsExactly("0.0.0.0/0");
        assertThat(ssh.ipv6Ranges()).extracting(r -> r.cidrIpv6()).containsExactly("::/0");
        var db = groups.stream().filter(g -> g.groupName().equals("db-internal")).findFirst().orElseThrow();
        assertThat(db.ipPermissions()).anySatisfy(p -> assertThat(p.userIdGroupPairs()).extracting(g -> g.groupId())
                .containsExactly(web.groupId()));
        var office = groups.stream().filter(g -> g.groupName().equals("rdp-office")).findFirst().orElseThrow();
        assertThat(office.ipPermissions()).anySatisfy(p -> assertThat(p.prefixListIds()).isNotEmpty());
    }

    @Test
    void imagesAndKeyPairs() {
        var images = useast1.describeImages(r -> r.filters(Filter.builder().name("image-id")
                .values(SeedWorld.WINDOWS_EN.id(), SeedWorld.UBUNTU.id()).build())).images();
        assertThat(images).extracting(i -> i.name()).containsExactlyInAnyOrder(SeedWorld.WINDOWS_EN.name(),
                SeedWorld.UBUNTU.name());
        assertThat(images).filteredOn(i -> i.platformAsString() != null).extracting(i -> i.platformDetails())
                .containsExactly("Windows");
        var keys = useast1.describeKeyPairs().keyPairs();
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.keyName()).isEqualTo(SandboxKeyPair.NAME);
            assertThat(k.keyFingerprint()).isEqualTo(sandbox.keyFingerprint()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
        });
    }

    @Test
    void authorizeAndRevokeIngressChangeTheRules() {
        String groupId = useast1.describeSecurityGroups(r -> r.groupNames("admin-ssh")).securityGroups().get(0).groupId();
        IpPermission rdp = IpPermission.builder().ipProtocol("tcp").fromPort(3389).toPort(3389)
                .ipRanges(IpRange.builder().cidrIp("192.0.2.7/32").description("my IP").build()).build();
        useast1.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(rdp));
        assertThat(rules(groupId)).contains("tcp 3389 192.0.2.7/32");
        assertThatThrownBy(() -> useast1.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(rdp)))
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode())
                        .isEqualTo("InvalidPermission.Duplicate"));
        useast1.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(rdp));
        assertThat(rules(groupId)).doesNotContain("tcp 3389 192.0.2.7/32");
    }

    @Test
    void stopAndStartChangeTheState() {
        String id = useast1.describeInstances(r -> r.filters(Filter.builder().name("tag:Name").values("rhel-batch").build()))
                .reservations().get(0).instances().get(0).instanceId();
        var started = useast1.startInstances(r -> r.instanceIds(id)).startingInstances().get(0);
        assertThat(started.currentState().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(started.previousState().name()).isEqualTo(InstanceStateName.STOPPED);
        useast1.rebootInstances(r -> r.instanceIds(id));
        var stopped = useast1.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
        assertThat(stopped.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        assertThat(sandbox.world().machine(id).orElseThrow().state()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void consoleOutputOfAWindowsInstanceIsBase64() {
        String id = useast1.describeInstances(r -> r.filters(Filter.builder().name("tag:Name").values("win-app").build()))
                .reservations().get(0).instances().get(0).instanceId();
        String output = useast1.getConsoleOutput(r -> r.instanceId(id)).output();
        assertThat(new String(Base64.getDecoder().decode(output), StandardCharsets.UTF_8)).contains("Windows is Ready to use");
    }

    @Test
    void unsignedRequestIsRejectedLikeEc2Does() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(sandbox.endpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeInstances&Version=2016-11-15"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("<Response><Errors><Error><Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void requestSignedWithTheWrongSecretIsRejected() {
        try (Ec2Client forged = Ec2Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(sandbox.accessKey().accessKeyId(), "not-the-secret")))
                .build()) {
            assertThatThrownBy(forged::describeInstances)
                    .isInstanceOf(Ec2Exception.class)
                    .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("AuthFailure"));
        }
    }

    @Test
    void unknownAccessKeyIsRejected() {
        try (Ec2Client forged = Ec2Client.builder().endpointOverride(URI.create(sandbox.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAOTHER", "x")))
                .build()) {
            assertThatThrownBy(forged::describeRegions).isInstanceOf(Ec2Exception.class);
        }
    }

    @Test
    void withLatencyEveryCallTakesAtLeastThatLongAnswersAndRefusalsAlike(@TempDir Path slowData) throws Exception {
        Duration latency = Duration.ofMillis(400);
        try (SandboxCloud slow = SandboxCloud.start(SandboxOptions.defaults(slowData).withSshServers(false)
                .withLatency(latency));
             Ec2Client c = Ec2Client.builder().endpointOverride(slow.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(slow.credentials()).build()) {
            long start = System.nanoTime();
            assertThat(c.describeRegions().regions()).isNotEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(latency);

            start = System.nanoTime();
            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(slow.endpoint())
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeRegions&Version=2016-11-15"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(latency);
        }
    }

    private List<String> rules(String groupId) {
        return useast1.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0).ipPermissions().stream()
                .flatMap(p -> p.ipRanges().stream().map(r -> p.ipProtocol() + " " + p.fromPort() + " " + r.cidrIp()))
                .toList();
    }

    private static List<String> ids(Ec2Client c) {
        return c.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
                .map(Instance::instanceId).sorted().toList();
    }

    private static Instance byName(List<Instance> instances, String name) {
        return instances.stream().filter(i -> name.equals(Ec2ProtocolNames.name(i))).findFirst().orElseThrow();
    }
}
