package dev.gangway.allowip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.aws.CloudException;
import dev.gangway.boot.CloudConnection;
import dev.gangway.instance.Instance;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.SandboxWorld;

/**
 * "Allow my IP" against the sandbox's EC2: the rule is the user's address alone, says who added it
 * and when, goes when removed, and one a crash left behind is removed by the next start.
 */
class AllowMyIpTest {

    @TempDir
    static Path dir;
    static CloudConnection cloud;
    static Instance db;

    @BeforeAll
    static void start() throws Exception {
        cloud = CloudConnection.sandbox(SandboxOptions.defaults(dir.resolve("sandbox")).withSshServers(false));
        db = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()), List.of()),
                InventoryListener.NONE).instances().stream().filter(i -> "db-debian".equals(i.name())).findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    /** The inbound rules of db-debian's first group, as EC2 has them: "cidr port description". */
    static List<String> rules() {
        SandboxWorld.Group g = cloud.sandboxCloud().world().region("us-east-1").orElseThrow().groups
                .get(db.securityGroups().get(0).id());
        return g.inbound().stream().map(p -> p.source() + " " + p.fromPort() + " " + p.description()).toList();
    }

    @Test
    void aTemporaryRuleIsTheUsersAddressAloneRecordedUntilRemoved() throws Exception {
        Path journal = dir.resolve("a").resolve("temporary-rules.json");
        AllowMyIp allow = new AllowMyIp(cloud.access(), journal, Clock.systemUTC());
        TemporaryRule rule = allow.plan(db, 22, "203.0.113.9");
        assertThat(rule.cidr()).isEqualTo("203.0.113.9/32");
        assertThat(rule.description()).matches("Gangway \\S+ \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
        assertThat(rule.groupId()).isEqualTo(db.securityGroups().get(0).id());
        assertThat(allow.add(rule, false)).isTrue();
        assertThat(rules()).contains("203.0.113.9/32 22 " + rule.description());
        assertThat(allow.recorded()).containsExactly(rule);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal))).isEqualTo("rw-------");
        // The same rule again changes nothing, is not recorded twice, and stays recorded (still temporary).
        assertThat(allow.add(rule, false)).isFalse();
        assertThat(allow.recorded()).containsExactly(rule);
        // Kept after all: it stays in its group, off the record (nothing removes it at the next start).
        allow.keep(rule);
        assertThat(allow.recorded()).isEmpty();
        assertThat(rules()).contains("203.0.113.9/32 22 " + rule.description());
        allow.remove(rule);
        assertThat(rules()).noneMatch(r -> r.startsWith("203.0.113.9/32"));
        assertThat(allow.recorded()).isEmpty();
    }

    @Test
    void aRuleACrashLeftIsRemovedAtTheNextStartAndAKeptOneIsNot() throws Exception {
        Path journal = dir.resolve("b").resolve("temporary-rules.json");
        new AllowMyIp(cloud.access(), journal, Clock.systemUTC()).add(new AllowMyIp(cloud.access(), journal,
                Clock.systemUTC()).plan(db, 22, "198.51.100.77"), false);
        TemporaryRule kept = new AllowMyIp(cloud.access(), journal, Clock.systemUTC()).plan(db, 2222, "198.51.100.77");
        new AllowMyIp(cloud.access(), journal, Clock.systemUTC()).add(kept, true);
        assertThat(rules()).anyMatch(r -> r.startsWith("198.51.100.77/32 22 "));
        // The app was killed here. The next start:
        List<TemporaryRule> removed = new AllowMyIp(cloud.access(), journal, Clock.systemUTC()).cleanUp();
        assertThat(removed).extracting(TemporaryRule::port).containsExactly(22);
        assertThat(rules()).noneMatch(r -> r.startsWith("198.51.100.77/32 22 "))
                .anyMatch(r -> r.startsWith("198.51.100.77/32 2222 "));
        new AllowMyIp(cloud.access(), journal, Clock.systemUTC()).remove(kept);
    }

    @Test
    void nothingWiderThanOneAddressIsEverAdded() {
        AllowMyIp allow = new AllowMyIp(cloud.access(), dir.resolve("c.json"), Clock.systemUTC());
        for (String bad : List.of("0.0.0.0", "0.0.0.0/0", "::", "10.0.0.0/8", "", "not an address")) {
            assertThatThrownBy(() -> allow.plan(db, 22, bad)).as(bad).isInstanceOf(CloudException.class)
                    .hasMessageContaining("no rule is added");
        }
        assertThatThrownBy(() -> allow.plan(db, 22, null)).isInstanceOf(CloudException.class);
        assertThat(rules()).noneMatch(r -> r.startsWith("0.0.0.0/0 22 Gangway") || r.startsWith("::/0 22 Gangway"));
    }

    @Test
    void anIpv6AddressGetsASlash128() throws Exception {
        AllowMyIp allow = new AllowMyIp(cloud.access(), dir.resolve("d").resolve("rules.json"), Clock.systemUTC());
        TemporaryRule rule = allow.plan(db, 22, "2001:db8::5");
        assertThat(rule.cidr()).isEqualTo("2001:db8:0:0:0:0:0:5/128");
        assertThat(allow.add(rule, false)).isTrue();
        allow.remove(rule);
    }
}
