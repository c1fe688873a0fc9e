package dev.gangway.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.boot.CloudConnection;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.LastConnection;
import dev.gangway.sandbox.MutableClock;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.testsupport.InstanceBuilder;

/** What `gangway ssh NAME` may take from earlier listings: everything as it was, only what is fresh and certain. */
class InstanceCacheTest {

    @TempDir
    static Path dir;
    static List<Instance> listed;

    @TempDir
    Path home;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

    @BeforeAll
    static void listTheSandbox() throws Exception {
        try (CloudConnection cloud = CloudConnection.sandbox(SandboxOptions.defaults(dir.resolve("sandbox")))) {
            listed = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()), List.of()),
                    InventoryListener.NONE).instances();
        }
    }

    @AfterAll
    static void forget() {
        listed = null;
    }

    private InstanceCache cache() {
        return new InstanceCache(home.resolve("cache").resolve("instances.json"), clock);
    }

    private static Instance named(String name) {
        return listed.stream().filter(i -> name.equals(i.name())).findFirst().orElseThrow();
    }

    @Test
    void aListingComesBackAsItWasEveryFieldAndOnlyTheOwnerMayReadIt() throws Exception {
        InstanceCache cache = cache();
        cache.rememberListing("aws", listed);
        assertThat(cache.read()).extracting(InstanceCache.Entry::instance).containsExactlyElementsOf(listed);
        assertThat(listed).anyMatch(i -> !i.securityGroups().isEmpty() && i.agent() != null && !i.tags().isEmpty())
                .anyMatch(i -> !i.ipv6Addresses().isEmpty());
        Path file = home.resolve("cache").resolve("instances.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    static final LastConnection MET = new LastConnection("mlkem768x25519-sha256", "SHA256:abc", "/keys/k.pem");

    @Test
    void findsARunningInstanceConnectedToBeforeByIdNameOrNameInAnyCaseWithItsAge() {
        InstanceCache cache = cache();
        cache.rememberListing("aws", listed);
        Instance web = named("web-1");
        assertThat(cache.find("aws", web.profile(), null, "web-1")).as("listed, never connected to from here")
                .isEmpty();
        cache.rememberConnection("aws", web, MET);
        clock.advance(Duration.ofSeconds(42));
        for (String ref : List.of(web.id(), "web-1", "WEB-1")) {
            assertThat(cache.find("aws", web.profile(), null, ref)).hasValueSatisfying(hit -> {
                assertThat(hit.instance()).isEqualTo(web);
                assertThat(hit.age()).isEqualTo(Duration.ofSeconds(42));
                assertThat(hit.connection()).isEqualTo(MET);
            });
        }
        assertThat(cache.find("aws", web.profile(), web.region(), "web-1")).isPresent();
        assertThat(cache.find("aws", web.profile(), "eu-north-1", "web-1")).as("another region").isEmpty();
        assertThat(cache.find("aws", "other-profile", null, "web-1")).as("another profile").isEmpty();
        assertThat(cache.find("endpoint http://127.0.0.1:1", web.profile(), null, "web-1")).as("another cloud")
                .isEmpty();
    }

    @Test
    void whatIsNotCertainIsLeftToEc2() {
        InstanceCache cache = cache();
        Instance a = InstanceBuilder.instance(b -> {
            b.id = "i-a";
            b.name = "twin";
        });
        Instance b = InstanceBuilder.instance(x -> {
            x.id = "i-b";
            x.name = "twin";
            x.region = "eu-west-1";
        });
        Instance stopped = InstanceBuilder.instance(x -> {
            x.id = "i-s";
            x.name = "resting";
            x.state = InstanceState.STOPPED;
        });
        cache.rememberListing("aws", List.of(a, b, stopped));
        List.of(a, b, stopped).forEach(i -> cache.rememberConnection("aws", i, MET));
        assertThat(cache.find("aws", "p", null, "twin")).as("two by that name").isEmpty();
        assertThat(cache.find("aws", "p", "eu-west-1", "twin")).as("one in that region").isPresent();
        assertThat(cache.find("aws", "p", null, "resting")).as("stopped: EC2 says whether it still is").isEmpty();

        clock.advance(InstanceCache.MAX_AGE.plusSeconds(1));
        assertThat(cache.find("aws", "p", null, "i-a")).as("older than a day").isEmpty();
        // Kept a while longer for what its last connection met; after 30 days, dropped at the next
        // write, so the file does not grow with what is long gone.
        Instance fresh = InstanceBuilder.instance(x -> x.id = "i-new");
        cache.remember("other-scope", fresh);
        assertThat(cache.read()).hasSize(4);
        clock.advance(InstanceCache.KEEP);
        cache.remember("other-scope", fresh);
        assertThat(cache.read()).extracting(InstanceCache.Entry::instance).containsExactly(fresh);
    }

    @Test
    void aNewListingOfARegionForgetsWhatIsGoneAndKeepsOtherRegions() {
        InstanceCache cache = cache();
        Instance east = InstanceBuilder.instance(b -> b.id = "i-east");
        Instance gone = InstanceBuilder.instance(b -> b.id = "i-gone");
        Instance west = InstanceBuilder.instance(b -> {
            b.id = "i-west";
            b.region = "us-west-2";
        });
        cache.rememberListing("aws", List.of(east, gone, west));
        Instance moved = InstanceBuilder.instance(b -> {
            b.id = "i-east";
            b.publicIp = "203.0.113.9";
        });
        cache.rememberListing("aws", List.of(moved));
        assertThat(cache.read()).extracting(InstanceCache.Entry::instance).containsExactlyInAnyOrder(moved, west);

        Instance looked = InstanceBuilder.instance(b -> {
            b.id = "i-west";
            b.region = "us-west-2";
            b.publicIp = "198.51.100.7";
        });
        cache.remember("aws", looked);
        assertThat(cache.read()).extracting(InstanceCache.Entry::instance).containsExactlyInAnyOrder(moved, looked);
    }

    @Test
    void aRegionListedEmptyForgetsItsInstancesAndAFailedOneKeepsThem() {
        InstanceCache cache = cache();
        Instance east = InstanceBuilder.instance(b -> b.id = "i-east");
        Instance west = InstanceBuilder.instance(b -> {
            b.id = "i-west";
            b.region = "us-west-2";
        });
        cache.rememberListing("aws", List.of(east, west));
        // us-east-1 listed in full and found empty; us-west-2's listing failed (not in `listed`).
        cache.rememberListing("aws", List.of(), Set.of(InstanceCache.regionKey(east.profile(), "us-east-1")));
        assertThat(cache.read()).extracting(InstanceCache.Entry::instance).containsExactly(west);
        assertThat(cache.find("aws", east.profile(), null, "i-east")).isEmpty();
    }

    /** What the last connection met is kept with the instance, across new listings and lookups. */
    @Test
    void theLastConnectionStaysWithTheInstance() {
        InstanceCache cache = cache();
        Instance web = named("web-1");
        cache.rememberConnection("aws", web, MET);
        assertThat(cache.read()).as("not cached: nothing to add it to").isEmpty();
        cache.rememberListing("aws", listed);
        cache.rememberConnection("aws", web, MET);
        cache.rememberListing("aws", listed);
        cache.remember("aws", web);
        assertThat(cache.find("aws", web.profile(), null, "web-1")).hasValueSatisfying(h ->
                assertThat(h.connection()).isEqualTo(MET));
        assertThat(cache.read()).filteredOn(e -> e.instance().name().equals("api-ubuntu"))
                .extracting(InstanceCache.Entry::connection).containsOnlyNulls();
    }

    @Test
    void aDamagedFileIsIgnoredAndReplaced() throws Exception {
        Path file = Files.createDirectories(home.resolve("cache")).resolve("instances.json");
        Files.writeString(file, "{\"entries\": [{\"scope\": \"aws\", \"learned\": \"yesterday\"");
        InstanceCache cache = cache();
        assertThat(cache.find("aws", "p", null, "anything")).isEmpty();
        cache.remember("aws", named("web-1"));
        cache.rememberConnection("aws", named("web-1"), MET);
        assertThat(cache.find("aws", named("web-1").profile(), null, "web-1")).isPresent();
        assertThat(cache.read()).extracting(InstanceCache.Entry::instance).containsExactly(named("web-1"));
    }
}
