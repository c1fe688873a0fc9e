package dev.gangway.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.SsmException;

import dev.gangway.boot.CloudConnection;
import dev.gangway.common.HostOs;
import dev.gangway.instance.Instance;
import dev.gangway.inventory.InventoryListener;
import dev.gangway.inventory.InventoryRequest;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.sandbox.world.Permissions;
import dev.gangway.testsupport.OpenSshServer;

/**
 * The connection doctor against sandbox instances built to fail one check or another: each names
 * the cause and the fix, and web-1, reachable every way, says so. Every instance here comes from
 * the inventory, as the window and the CLI have it.
 */
class DoctorTest {

    @TempDir
    static Path dir;
    static CloudConnection cloud;
    static List<Instance> instances;
    static final RdpLaunchers.Probe FREERDP = RdpLaunchers.Probe.system();

    @BeforeAll
    static void start() throws Exception {
        cloud = CloudConnection.sandbox(SandboxOptions.defaults(dir.resolve("sandbox")));
        instances = cloud.inventory().fetch(new InventoryRequest(List.of(cloud.access().defaultProfile()), List.of()),
                InventoryListener.NONE).instances();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static Instance named(String name) {
        return instances.stream().filter(i -> name.equals(i.name())).findFirst().orElseThrow();
    }

    static Report examine(String name) throws Exception {
        return examine(cloud, named(name), List.of(cloud.sandboxCloud().keyFile().getParent()), null, FREERDP);
    }

    static Report examine(CloudConnection on, Instance instance, List<Path> keyFolders, Path keyFile,
            RdpLaunchers.Probe probe) throws Exception {
        Doctor doctor = new Doctor(new Doctor.Environment(on.access(), on.publicIp(), keyFile, keyFolders,
                HostOs.LINUX, probe, Doctor.Dialer.loopbackOnly()));
        try {
            Set<Finding> heard = ConcurrentHashMap.newKeySet();
            Report report = doctor.examine(instance, heard::add).get(60, TimeUnit.SECONDS);
            // The panel fills in from the same findings the report holds.
            assertThat(heard).containsExactlyInAnyOrderElementsOf(report.findings());
            return report;
        } finally {
            doctor.close();
        }
    }

    static Finding finding(Report r, String check) {
        return r.findings().stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void anInstanceReachableEveryWaySaysSoAndDoubleClickGoesDirect() throws Exception {
        Report web = examine("web-1");
        assertThat(web.verdicts()).containsEntry(Way.DIRECT, Verdict.WORKS).containsEntry(Way.SESSION_MANAGER,
                Verdict.WORKS);
        assertThat(web.best()).contains(Way.DIRECT);
        assertThat(finding(web, "tcp").reason()).contains("answered");
        assertThat(finding(web, "host-key").verdict()).isEqualTo(Verdict.WORKS);
        assertThat(finding(web, "image").verdict()).isEqualTo(Verdict.WORKS);
        assertThat(finding(web, "network-acl").reason()).contains("(rule 100, allow)");
        assertThat(web.findings()).filteredOn(f -> f.verdict() == Verdict.WORKS).allSatisfy(f ->
                assertThat(f.fix()).isEmpty());
    }

    @Test
    void aPrivateInstanceIsReachedThroughItsEndpointAndSaysWhyNotDirectly() throws Exception {
        Report db = examine("db-debian");
        assertThat(finding(db, "address").verdict()).isEqualTo(Verdict.FAILS);
        assertThat(finding(db, "address").reason()).contains("has no public IPv4 or IPv6 address");
        assertThat(finding(db, "security-group").reason()).contains("open only to 172.31.0.0/16");
        assertThat(finding(db, "security-group").fix()).contains("from 127.0.0.1/32 only");
        assertThat(finding(db, "image")).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(f.reason()).contains("does not come with EC2 Instance Connect");
        });
        assertThat(db.verdicts()).containsEntry(Way.DIRECT, Verdict.FAILS).containsEntry(Way.ENDPOINT, Verdict.WORKS);
        assertThat(finding(db, "endpoint-tunnel").reason()).contains("the server there answered");
        assertThat(finding(db, "endpoint-egress").reason()).contains("lets it send to port");
        assertThat(db.best()).contains(Way.ENDPOINT);
    }

    @Test
    void aStoppedInstanceWithALostAgentSaysStartItFirst() throws Exception {
        Report batch = examine("rhel-batch");
        assertThat(finding(batch, "running")).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.FAILS);
            assertThat(f.reason()).contains("is stopped");
            assertThat(f.fix()).startsWith("Start it");
        });
        assertThat(finding(batch, "agent").reason()).contains("Connection lost");
        assertThat(batch.best()).isEmpty();
        assertThat(batch.verdicts().values()).containsOnly(Verdict.FAILS);
    }

    @Test
    void aSubnetWithoutAnInternetRouteAClosedGroupNoEndpointAndNoAgentAreEachNamed() throws Exception {
        Report closed = examine("closed-box");
        assertThat(finding(closed, "internet-route")).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.FAILS);
            assertThat(f.reason()).contains("has no route to an internet gateway");
        });
        assertThat(finding(closed, "security-group").reason()).contains("not open to anyone");
        assertThat(finding(closed, "security-group").fix()).startsWith("Allow your IP");
        Report v6 = examine("ipv6-only");
        assertThat(finding(v6, "endpoint").reason()).contains("has no Instance Connect Endpoint in its VPC");
        assertThat(finding(v6, "endpoint").fix()).contains("Create an EC2 Instance Connect Endpoint");
        assertThat(finding(v6, "agent").reason()).contains("is not a managed node");
        assertThat(finding(v6, "agent").fix()).contains("AmazonSSMManagedInstanceCore");
        assertThat(finding(v6, "instance-profile").reason()).contains("No instance profile is attached");
        assertThat(finding(closed, "instance-profile").reason()).contains("instance-profile/SSMInstanceProfile");
    }

    @Test
    void anEndpointTheInstancesGroupsDoNotLetInIsNamedWithTheRuleToAdd() throws Exception {
        Report api = examine("api-ubuntu");
        Finding allowed = finding(api, "endpoint-allowed");
        assertThat(allowed.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(allowed.reason()).contains("No rule of its security groups lets the endpoint");
        assertThat(allowed.fix()).contains("from the endpoint's security group sg-");
    }

    @Test
    void aMissingKeyAndAKeyThatIsNotTheKeyPairsAreTold() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-keys"));
        Report none = examine(cloud, named("web-1"), List.of(empty), null, FREERDP);
        assertThat(finding(none, "key-pair").reason()).contains("No private key for key pair 'gangway-sandbox'");
        // Instance Connect still logs in through the endpoint, so the key alone does not stop that way.
        Path other = Files.createDirectories(dir.resolve("other-keys"));
        OpenSshServer.run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f",
                other.resolve("gangway-sandbox").toString());
        Files.move(other.resolve("gangway-sandbox"), other.resolve("gangway-sandbox.pem"));
        Report wrong = examine(cloud, named("web-1"), List.of(other), null, FREERDP);
        assertThat(finding(wrong, "key-pair").reason()).contains("does not match the fingerprint EC2 has");
        assertThat(wrong.verdict(Way.DIRECT)).isEqualTo(Verdict.FAILS);
    }

    @Test
    void aRefusedInstanceConnectPermissionComesWithThePolicyToGrant() throws Exception {
        cloud.sandboxCloud().world().permissions().denyInstanceConnect(true);
        try {
            Report web = examine("web-1");
            Finding push = finding(web, "permission");
            assertThat(push.verdict()).isEqualTo(Verdict.FAILS);
            assertThat(push.policy()).contains("\"ec2-instance-connect:SendSSHPublicKey\"")
                    .contains("instance/" + named("web-1").id()).contains("\"ec2:osuser\": \"ec2-user\"");
        } finally {
            cloud.sandboxCloud().world().permissions().denyInstanceConnect(false);
        }
    }

    @Test
    void startingASessionIsAskedOfIamAndARefusalComesWithThePolicyToGrant() throws Exception {
        Instance box = named("closed-box");
        Report allowed = examine("closed-box");
        assertThat(finding(allowed, "session-permission")).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.WORKS);
            assertThat(f.reason()).contains("may start a session on " + box.id() + " (IAM's policy simulation allows "
                    + "ssm:StartSession)");
        });
        assertThat(allowed.best()).contains(Way.SESSION_MANAGER);
        String arn = "arn:aws:ec2:" + box.region() + ":" + Permissions.ACCOUNT + ":instance/" + box.id();
        Permissions permissions = cloud.sandboxCloud().world().permissions();
        permissions.deny("ssm:StartSession", arn, true);
        try {
            Report denied = examine("closed-box");
            assertThat(finding(denied, "session-permission")).satisfies(f -> {
                assertThat(f.verdict()).isEqualTo(Verdict.FAILS);
                assertThat(f.reason()).contains("no policy allows ssm:StartSession on " + arn);
                assertThat(f.policy()).contains("\"ssm:StartSession\"").contains("instance/" + box.id())
                        .doesNotContain("document/").contains("ssm:TerminateSession");
            });
            assertThat(denied.verdict(Way.SESSION_MANAGER)).isEqualTo(Verdict.FAILS);
            assertThat(denied.best()).isEmpty();
            // Session Manager refuses it for real, as IAM's simulation said.
            assertThatThrownBy(() -> cloud.access().ssm(box.profile(), box.region()).startSession(r -> r
                    .target(box.id()))).isInstanceOf(SsmException.class)
                    .hasMessageContaining("not authorized to perform: ssm:StartSession");
        } finally {
            permissions.deny("ssm:StartSession", arn, false);
        }
    }

    @Test
    void theDefaultShellsDocumentIsNotCheckedButWindowsPortForwardIs() throws Exception {
        Instance box = named("closed-box");
        Permissions permissions = cloud.sandboxCloud().world().permissions();
        String shellDocument = "arn:aws:ssm:" + box.region() + ":" + Permissions.ACCOUNT
                + ":document/SSM-SessionManagerRunShell";
        permissions.deny("ssm:StartSession", shellDocument, true);
        try {
            // AWS checks the default document only under ssm:SessionDocumentAccessCheck: Gangway names none.
            assertThat(finding(examine("closed-box"), "session-permission").verdict()).isEqualTo(Verdict.WORKS);
            cloud.access().ssm(box.profile(), box.region()).terminateSession(r -> r.sessionId(cloud.access()
                    .ssm(box.profile(), box.region()).startSession(s -> s.target(box.id())).sessionId()));
        } finally {
            permissions.deny("ssm:StartSession", shellDocument, false);
        }
        Report win = examine("win-app");
        assertThat(finding(win, "session-permission").reason()).contains("with AWS-StartPortForwardingSession");
        String forwardDocument = "arn:aws:ssm:us-east-1::document/AWS-StartPortForwardingSession";
        permissions.deny("ssm:StartSession", forwardDocument, true);
        try {
            assertThat(finding(examine("win-app"), "session-permission")).satisfies(f -> {
                assertThat(f.verdict()).isEqualTo(Verdict.FAILS);
                assertThat(f.reason()).contains("no policy allows ssm:StartSession on " + forwardDocument);
                assertThat(f.policy()).contains(forwardDocument.replace(Permissions.ACCOUNT, "*"));
            });
        } finally {
            permissions.deny("ssm:StartSession", forwardDocument, false);
        }
    }

    @Test
    void anAssumedRoleIsSimulatedAsItsRoleAndTheRootUserMayDoAnything() throws Exception {
        Permissions permissions = cloud.sandboxCloud().world().permissions();
        String role = "arn:aws:iam::" + Permissions.ACCOUNT + ":role/team/Operators";
        permissions.role("Operators", role);
        permissions.callAs("arn:aws:sts::" + Permissions.ACCOUNT + ":assumed-role/Operators/alice");
        try {
            assertThat(finding(examine("closed-box"), "session-permission").verdict()).isEqualTo(Verdict.WORKS);
            // A role IAM does not find (GetRole refused or no such role) is tried without a path, and said.
            permissions.role("Operators", null);
            assertThat(finding(examine("closed-box"), "session-permission")).satisfies(f -> {
                assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
                assertThat(f.reason()).contains("NoSuchEntity").doesNotContain("..");
            });
            permissions.callAs("arn:aws:iam::" + Permissions.ACCOUNT + ":root");
            assertThat(finding(examine("closed-box"), "session-permission").reason())
                    .contains("you are the account's root user");
        } finally {
            permissions.callAs(null);
            permissions.role("Operators", null);
        }
    }

    @Test
    void aConditionOnlyTheRealRequestCarriesIsUnknownToIamSoTheKeyIsPushedForReal() throws Exception {
        Permissions permissions = cloud.sandboxCloud().world().permissions();
        permissions.condition("ec2-instance-connect:SendSSHPublicKey", "aws:SourceIp");
        try {
            assertThat(finding(examine("web-1"), "permission")).satisfies(f -> {
                assertThat(f.verdict()).isEqualTo(Verdict.WORKS);
                assertThat(f.reason()).contains("AWS accepted a one-time key");
            });
        } finally {
            permissions.condition("ec2-instance-connect:SendSSHPublicKey", null);
        }
    }

    @Test
    void whereIamMayNotBeAskedSessionManagerIsUnknownButTriedAndAKeyIsPushedForReal() throws Exception {
        Permissions permissions = cloud.sandboxCloud().world().permissions();
        permissions.deny("iam:SimulatePrincipalPolicy", Permissions.CALLER, true);
        try {
            Report box = examine("closed-box");
            assertThat(finding(box, "session-permission")).satisfies(f -> {
                assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
                assertThat(f.reason()).contains("may not ask IAM to simulate its policies (iam:SimulatePrincipalPolicy)");
                assertThat(f.fix()).startsWith("If Session Manager refuses the session");
                assertThat(f.policy()).contains("\"ssm:StartSession\"");
            });
            assertThat(box.verdict(Way.SESSION_MANAGER)).isEqualTo(Verdict.UNKNOWN);
            // Only the permission is unknown: double-click still goes through Session Manager.
            assertThat(box.best()).contains(Way.SESSION_MANAGER);
            assertThat(finding(examine("web-1"), "permission").reason()).contains("AWS accepted a one-time key");
        } finally {
            permissions.deny("iam:SimulatePrincipalPolicy", Permissions.CALLER, false);
        }
    }

    @Test
    void windowsSaysWhenItsPasswordIsNotReadyAndWhenNoClientIsInstalled() throws Exception {
        Report paris = examine("win-paris");
        assertThat(finding(paris, "password").reason()).contains("has not made its Administrator password yet");
        // Its security group opens 3389 to the world, but its subnet's network ACL turns it away first.
        assertThat(finding(paris, "security-group").verdict()).isEqualTo(Verdict.WORKS);
        assertThat(finding(paris, "network-acl")).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.FAILS);
            assertThat(f.reason()).contains("turns away TCP 3389 from 127.0.0.1: rule 90, deny.");
            assertThat(f.fix()).contains("Allow inbound TCP 3389 from your IP");
        });
        assertThat(paris.best()).isEmpty();
        RdpLaunchers.Probe nothing = new RdpLaunchers.Probe() {
            @Override
            public Optional<Path> onPath(String program) {
                return Optional.empty();
            }

            @Override
            public boolean exists(Path path) {
                return false;
            }
        };
        Report app = examine(cloud, named("win-app"), List.of(cloud.sandboxCloud().keyFile().getParent()), null,
                nothing);
        assertThat(finding(app, "rdp-client").reason()).contains("No Remote Desktop client");
        assertThat(finding(app, "password").verdict()).isEqualTo(Verdict.WORKS);
        assertThat(app.about(Way.SESSION_MANAGER)).extracting(Finding::check).contains("rdp-client");
    }

    /** Without SSH servers: the address answers with a refusal, and the endpoint's tunnel says what it found. */
    @Test
    void aPortNothingListensOnIsRefusedDirectlyAndThroughTheEndpoint(@TempDir Path other) throws Exception {
        try (CloudConnection bare = CloudConnection.sandbox(SandboxOptions.defaults(other).withSshServers(false))) {
            List<Instance> listed = bare.inventory().fetch(new InventoryRequest(List.of(bare.access()
                    .defaultProfile()), List.of()), InventoryListener.NONE).instances();
            Instance web = listed.stream().filter(i -> "web-1".equals(i.name())).findFirst().orElseThrow();
            Instance db = listed.stream().filter(i -> "db-debian".equals(i.name())).findFirst().orElseThrow();
            Report direct = examine(bare, web, List.of(bare.sandboxCloud().keyFile().getParent()), null, FREERDP);
            assertThat(finding(direct, "tcp").reason()).contains("refused the connection");
            Report tunnel = examine(bare, db, List.of(bare.sandboxCloud().keyFile().getParent()), null, FREERDP);
            assertThat(finding(tunnel, "endpoint-tunnel").reason()).contains("Failed to connect to 172.31.10.40");
        }
    }

    @Test
    void theReportAsDataNamesTheBestWayAndEveryCheck() throws Exception {
        Map<String, Object> data = examine("db-debian").asData();
        assertThat(data).containsEntry("best", "eice").containsEntry("name", "db-debian");
        assertThat(data.get("ways").toString()).contains("way=direct", "verdict=fails", "check=address");
    }
}
