package dev.gangway.sandbox.world;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.world.SandboxWorld.Ami;
import dev.gangway.sandbox.world.SandboxWorld.Group;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.sandbox.world.SandboxWorld.Permission;
import dev.gangway.sandbox.world.SandboxWorld.RegionData;
import dev.gangway.sandbox.world.SandboxWorld.SourceKind;

/**
 * The sandbox's deterministic world: the same ids, names and addresses on every run, so tests,
 * docs and screenshots stay stable. Addresses are loopback for instances a real SSH server backs,
 * documentation ranges (RFC 5737 / RFC 3849) and {@code .invalid} names for everything else.
 */
public final class SeedWorld {

    /** 17 regions, the count of a typical commercial account's default set. */
    public static final List<String> STANDARD_REGIONS = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2",
            "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
            "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "sa-east-1");

    /** A region that exists but is not enabled for the sandbox's account. */
    public static final String OPT_IN_REGION = "af-south-1";

    /** The IP the sandbox's own instances are reached on, and the "public IP" of its user. */
    public static final String LOOPBACK = "127.0.0.1";

    static final Ami AMAZON_LINUX = new Ami("ami-0a3c3a20c09d6f377",
            "al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64", "Amazon Linux 2023 AMI", false, "Linux/UNIX", "ec2-user");
    public static final Ami UBUNTU = new Ami("ami-0e2c8caa4b6378d8c",
            "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241206", "Canonical, Ubuntu, 24.04",
            false, "Linux/UNIX", "ubuntu");
    static final Ami DEBIAN = new Ami("ami-064519b8c76274859", "debian-12-amd64-20241201-1948",
            "Debian 12 (20241201-1948)", false, "Linux/UNIX", "admin");
    static final Ami RHEL = new Ami("ami-0583d8c7a9c35822c", "RHEL-9.5.0_HVM-20241211-x86_64-0-Hourly2-GP3",
            "Provided by Red Hat, Inc.", false, "Red Hat Enterprise Linux", "ec2-user");
    public static final Ami WINDOWS_EN = new Ami("ami-05b4ded3ceb71e470", "Windows_Server-2022-English-Full-Base-2024.12.13",
            "Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon", true, "Windows", "Administrator");
    static final Ami WINDOWS_FR = new Ami("ami-0d1b4f0e2f1c3a5e7", "Windows_Server-2022-French-Full-Base-2024.12.13",
            "Microsoft Windows Server 2022 Full Locale French AMI provided by Amazon", true, "Windows", "Administrateur");
    static final Ami WINDOWS_2019 = new Ami("ami-0b2f6494ff0b07a0e", "Windows_Server-2019-English-Full-Base-2024.12.13",
            "Microsoft Windows Server 2019 with Desktop Experience Locale English AMI provided by Amazon", true,
            "Windows", "Administrator");

    /** A company's own image: its name says nothing of the login user, so Gangway has to ask. */
    static final Ami GOLDEN = new Ami("ami-0c9d3e41f2a7b8e06", "acme-golden-base-2025.03.1",
            "ACME hardened base image", false, "Linux/UNIX", "deploy");

    private static final List<Ami> ALL_AMIS = List.of(AMAZON_LINUX, UBUNTU, DEBIAN, RHEL, WINDOWS_EN, WINDOWS_FR,
            WINDOWS_2019, GOLDEN);

    private static final Instant BASE_TIME = Instant.parse("2026-03-02T09:15:00Z");

    private final SandboxWorld world;
    private final Clock clock;

    public SeedWorld(SandboxWorld world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    private RegionData region(String name) {
        RegionData r = world.region(name, true);
        for (Ami ami : ALL_AMIS) {
            r.images.putIfAbsent(ami.id(), ami);
        }
        return r;
    }

    public void curated() {
        RegionData use1 = region("us-east-1");
        String vpc = Ids.of("vpc-", "us-east-1/vpc", 17);
        group(use1, "web-tier", "Web servers: SSH and HTTPS from anywhere", vpc,
                rule("tcp", 22, 22, "0.0.0.0/0", "SSH from anywhere"),
                rule("tcp", 443, 443, "0.0.0.0/0", "HTTPS"),
                rule("tcp", 22, 22, "::/0", "SSH over IPv6"));
        group(use1, "admin-ssh", "SSH from the admin's own IP only", vpc,
                rule("tcp", 22, 22, LOOPBACK + "/32", "my IP"));
        group(use1, "ci-ssh", "SSH for CI from the office range", vpc,
                rule("tcp", 22, 22, "198.51.100.0/24", "office"));
        group(use1, "batch-admin", "SSH for the batch team from the admin's IP", vpc,
                rule("tcp", 22, 22, LOOPBACK + "/32", "my IP"));
        group(use1, "db-internal", "Database: only from inside the VPC", vpc,
                rule("tcp", 22, 22, "172.31.0.0/16", "SSH from the VPC"),
                new Permission("tcp", 5432, 5432, SourceKind.GROUP, Ids.of("sg-", "us-east-1/web-tier", 17),
                        "PostgreSQL from web-tier"));
        group(use1, "rdp-office", "RDP from the office range", vpc,
                rule("tcp", 3389, 3389, "203.0.113.0/24", "office"),
                new Permission("tcp", 443, 443, SourceKind.PREFIX_LIST, "pl-63a5400a", "S3 prefix list"));
        machine(use1, "web-1", AMAZON_LINUX, InstanceState.RUNNING, "t3.micro", "a", List.of("web-tier"),
                LOOPBACK, null, "172.31.10.11", List.of(), hours(1), Map.of("Environment", "production", "Team", "web"));
        machine(use1, "api-ubuntu", UBUNTU, InstanceState.RUNNING, "t3.small", "b", List.of("admin-ssh"),
                LOOPBACK, null, "172.31.20.12", List.of(), hours(30), Map.of("Environment", "staging", "Team", "api"));
        machine(use1, "db-debian", DEBIAN, InstanceState.RUNNING, "r6i.large", "a", List.of("db-internal"),
                null, null, "172.31.10.40", List.of(), hours(200), Map.of("Environment", "production", "Team", "data"));
        machine(use1, "rhel-batch", RHEL, InstanceState.STOPPED, "c6i.xlarge", "c", List.of("batch-admin"),
                null, null, "172.31.30.7", List.of(), hours(500), Map.of("Environment", "batch"));
        machine(use1, "win-app", WINDOWS_EN, InstanceState.RUNNING, "t3.large", "b", List.of("rdp-office"),
                "198.51.100.25", "ec2-198-51-100-25.compute-1.sandbox.invalid", "172.31.20.30", List.of(), hours(72),
                Map.of("Environment", "production", "Team", "finance"));
        machine(use1, "ci-runner", AMAZON_LINUX, InstanceState.PENDING, "c7g.large", "c", List.of("ci-ssh"),
                "198.51.100.26", "ec2-198-51-100-26.compute-1.sandbox.invalid", "172.31.30.8", List.of(), hours(0),
                Map.of("Environment", "ci"));
        machine(use1, "old-bastion", AMAZON_LINUX, InstanceState.TERMINATED, "t2.micro", "a", List.of(),
                null, null, null, List.of(), hours(900), Map.of("Environment", "retired"));

        RegionData paris = region("eu-west-3");
        String vpcParis = Ids.of("vpc-", "eu-west-3/vpc", 17);
        group(paris, "rdp-open", "RDP ouvert à tous", vpcParis,
                rule("tcp", 3389, 3389, "0.0.0.0/0", "RDP depuis partout"));
        group(paris, "ipv6-ssh", "SSH over IPv6 only", vpcParis,
                new Permission("tcp", 22, 22, SourceKind.CIDR_V6, "::/0", "SSH over IPv6"));
        group(paris, "closed", "No inbound access", vpcParis);
        // win-paris's subnet has a network ACL that turns Remote Desktop away before its open security group.
        paris.deniedPorts.put(Ids.of("subnet-", paris.name + "/a", 17), List.of(3389));
        machine(paris, "win-paris", WINDOWS_FR, InstanceState.RUNNING, "m6i.large", "a", List.of("rdp-open"),
                "203.0.113.40", "ec2-203-0-113-40.eu-west-3.compute.sandbox.invalid", "172.31.5.40", List.of(),
                clock.instant().minus(Duration.ofMinutes(1)), Map.of("Environment", "production", "Team", "ventes"));
        machine(paris, "ipv6-only", UBUNTU, InstanceState.RUNNING, "t3.micro", "b", List.of("ipv6-ssh"),
                null, null, null, List.of("::1"), hours(5), Map.of("Environment", "lab"));
        // closed-box's subnet routes nowhere outside the VPC: its public address cannot be reached either.
        paris.privateSubnets.add(Ids.of("subnet-", paris.name + "/c", 17));
        machine(paris, "closed-box", AMAZON_LINUX, InstanceState.RUNNING, "t3.nano", "c", List.of("closed"),
                "203.0.113.41", "ec2-203-0-113-41.eu-west-3.compute.sandbox.invalid", "172.31.5.41", List.of(),
                hours(12), Map.of("Environment", "lab"));

        RegionData sydney = region("ap-southeast-2");
        String vpcSyd = Ids.of("vpc-", "ap-southeast-2/vpc", 17);
        group(sydney, "ssh-anywhere", "SSH from anywhere", vpcSyd,
                rule("tcp", 22, 22, "0.0.0.0/0", "SSH"));
        group(sydney, "rdp-vpn", "RDP from the VPN", vpcSyd,
                rule("tcp", 3389, 3389, "10.8.0.0/16", "VPN"));
        machine(sydney, "sydney-web", GOLDEN, InstanceState.RUNNING, "t4g.small", "a", List.of("ssh-anywhere"),
                LOOPBACK, null, "172.31.40.5", List.of(), hours(48), Map.of("Environment", "production", "Team", "web"));
        machine(sydney, "sydney-win", WINDOWS_2019, InstanceState.STOPPED, "t3.medium", "b", List.of("rdp-vpn"),
                null, null, "172.31.40.6", List.of(), hours(300), Map.of("Environment", "staging"));
        // Nobody gave these two a Name tag (as happens with instances launched from the CLI or by
        // an Auto Scaling group without tags): Gangway shows their ids instead.
        group(sydney, "ssh-untagged", "SSH from anywhere (untagged instance)", vpcSyd,
                rule("tcp", 22, 22, "0.0.0.0/0", "SSH"));
        untagged(sydney, "untagged-linux", AMAZON_LINUX, InstanceState.RUNNING, "t3.micro", "c", List.of("ssh-untagged"),
                LOOPBACK, null, "172.31.40.9", hours(3));
        untagged(sydney, "untagged-windows", WINDOWS_EN, InstanceState.RUNNING, "t3.medium", "c", List.of("rdp-vpn"),
                "203.0.113.60", null, "172.31.40.10", hours(6));
        sessionManagerAgents();
        connectEndpoints(use1, vpc);
    }

    /**
     * One Instance Connect Endpoint, in us-east-1's subnet a: db-debian (private only, same subnet)
     * and the VPC's other instances are reached through it. Paris and Sydney have none, so their
     * private-only instances cannot be (the doctor says so).
     */
    private void connectEndpoints(RegionData use1, String vpc) {
        String group = group(use1, "eice-endpoint", "Instance Connect Endpoint: out to the VPC only", vpc);
        world.connectEndpoints().put(ConnectEndpoint.create("eice/a", use1.name, vpc, Ids.of("subnet-", use1.name + "/a", 17),
                use1.name + "a", "create-complete", List.of(group), BASE_TIME.minus(Duration.ofDays(30))));
    }

    /**
     * Which nodes Session Manager knows: most running instances have an agent online (db-debian, in a
     * private subnet with port 22 open only to the VPC, is the secure setup), the stopped rhel-batch
     * has lost its connection, and on-prem-build is a managed node outside EC2 (a hybrid activation),
     * reachable only through Session Manager. sydney-web's agent dates from 2020 (3.0.161.0), too
     * old for multiplexed port forwarding: its forwards take one connection at a time.
     */
    /** The RDS endpoint db-debian reaches (its database's port 5432, through a forward with --to). */
    public static final String DATABASE_HOST = "orders.cluster-c8xq2bzpbgnf.us-east-1.rds.amazonaws.com";
    /** db-debian, whose own port 5432 is the same database. */
    public static final String DATABASE_INSTANCE = Ids.instance("us-east-1/db-debian");

    /** An agent from before smux (3.0.196.0): port forwarding in the basic mode only. */
    static final String OLD_AGENT = "3.0.161.0";

    private void sessionManagerAgents() {
        List<String> online = List.of("web-1", "api-ubuntu", "db-debian", "closed-box", "win-app", "win-paris",
                "sydney-web");
        for (Machine m : world.machines()) {
            boolean on = online.contains(m.name());
            if (on || "rhel-batch".equals(m.name())) {
                // What lets its agent register: a role with AmazonSSMManagedInstanceCore.
                m.instanceProfile = "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile";
                world.registerManagedNode(new SandboxWorld.ManagedNode(m.id, m.region(), m.name(),
                        m.windows() ? "Windows" : "Linux", agentPlatform(m.image), m.privateIp, on, true,
                        "sydney-web".equals(m.name()) ? OLD_AGENT : SandboxWorld.ManagedNode.CURRENT_AGENT));
            }
        }
        world.registerManagedNode(new SandboxWorld.ManagedNode(Ids.of("mi-", "us-east-1/on-prem-build", 17),
                "us-east-1", "on-prem-build", "Linux", "Ubuntu 22.04", "10.20.0.15", true, false));
    }

    /** The operating system an agent reports (PlatformName and version), as SSM shows it. */
    private static String agentPlatform(Ami image) {
        if (image == UBUNTU) {
            return "Ubuntu 24.04";
        }
        if (image == DEBIAN) {
            return "Debian GNU/Linux 12";
        }
        if (image == RHEL) {
            return "Red Hat Enterprise Linux 9.5";
        }
        if (image.windows()) {
            return image == WINDOWS_2019 ? "Microsoft Windows Server 2019 Datacenter"
                    : "Microsoft Windows Server 2022 Datacenter";
        }
        return "Amazon Linux 2023";
    }

    public void filler(String regionName, int count) {
        RegionData region = region(regionName);
        String vpc = Ids.of("vpc-", regionName + "/vpc", 17);
        String open = group(region, "filler-web", "SSH from anywhere", vpc, rule("tcp", 22, 22, "0.0.0.0/0", "SSH"));
        String office = group(region, "filler-office", "SSH and RDP from the office", vpc,
                rule("tcp", 22, 22, "198.51.100.0/24", "office"), rule("tcp", 3389, 3389, "198.51.100.0/24", "office"));
        Ami[] kinds = {AMAZON_LINUX, UBUNTU, DEBIAN, RHEL, WINDOWS_EN};
        String[] roles = {"web", "api", "worker", "cache", "report"};
        List<Machine> machines = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            Ami ami = kinds[n % kinds.length];
            String name = roles[n % roles.length] + "-" + String.format("%04d", n + 1);
            InstanceState state = n % 7 == 6 ? InstanceState.STOPPED : InstanceState.RUNNING;
            int a = (n / 250) % 250;
            int b = n % 250 + 1;
            String publicIp = n % 3 == 2 ? null : "198.51." + (100 + a % 10) + "." + b;
            String dns = publicIp == null ? null
                    : "ec2-" + publicIp.replace('.', '-') + "." + regionName + ".compute.sandbox.invalid";
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("Name", name);
            tags.put("Environment", n % 2 == 0 ? "production" : "staging");
            String id = Ids.instance(regionName + "/filler/" + n);
            machines.add(new Machine(id, regionName, regionName + (char) ('a' + n % 3), tags, state,
                    n % 4 == 0 ? "t3.micro" : "m6i.large", ami, SandboxKeyPair.NAME, publicIp, dns,
                    "10." + (a % 250) + "." + (n / 250 % 250) + "." + b, List.of(), vpc,
                    Ids.of("subnet-", regionName + "/" + (n % 3), 17), BASE_TIME.minus(Duration.ofMinutes(n)),
                    List.of(n % 2 == 0 ? open : office), ami.windows() ? password(id) : null));
        }
        machines.sort((x, y) -> x.id.compareTo(y.id));
        world.addAll(regionName, machines);
    }

    private static Permission rule(String protocol, int from, int to, String cidr, String description) {
        return new Permission(protocol, from, to, cidr.contains(":") ? SourceKind.CIDR_V6 : SourceKind.CIDR_V4, cidr,
                description);
    }

    private static String group(RegionData region, String name, String description, String vpc, Permission... rules) {
        String id = Ids.of("sg-", region.name + "/" + name, 17);
        region.groups.putIfAbsent(id, new Group(id, name, description, vpc, List.of(rules)));
        return id;
    }

    private void machine(RegionData region, String name, Ami ami, InstanceState state, String type, String zone,
                         List<String> groupNames, String publicIp, String publicDns, String privateIp,
                         List<String> ipv6, Instant launch, Map<String, String> extraTags) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", name);
        tags.putAll(new TreeMap<>(extraTags));
        String id = Ids.instance(region.name + "/" + name);
        List<String> groupIds = groupNames.stream()
                .map(g -> Ids.of("sg-", region.name + "/" + g, 17))
                .toList();
        Machine m = new Machine(id, region.name, region.name + zone, tags, state, type, ami, SandboxKeyPair.NAME,
                publicIp, publicDns, privateIp, ipv6, Ids.of("vpc-", region.name + "/vpc", 17),
                Ids.of("subnet-", region.name + "/" + zone, 17), launch, groupIds,
                ami.windows() ? password(id) : null);
        m.backed = !ami.windows() && (state == InstanceState.RUNNING || state == InstanceState.STOPPED);
        region.machines.add(m);
        region.machines.sort((x, y) -> x.id.compareTo(y.id));
    }

    /** A machine with no Name tag (and no other tag); {@code key} only makes its id. */
    private void untagged(RegionData region, String key, Ami ami, InstanceState state, String type, String zone,
                          List<String> groupNames, String publicIp, String publicDns, String privateIp, Instant launch) {
        machine(region, key, ami, state, type, zone, groupNames, publicIp, publicDns, privateIp, List.of(), launch,
                Map.of());
        String id = Ids.instance(region.name + "/" + key);
        region.machines.stream().filter(m -> m.id.equals(id)).forEach(m -> m.tags.remove("Name"));
    }

    private static Instant hours(int h) {
        return BASE_TIME.minus(Duration.ofHours(h));
    }

    /** A deterministic, Windows-policy-compliant password (upper, lower, digit, symbol). */
    static String password(String instanceId) {
        String hex = Ids.hex("password/" + instanceId);
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 24; i += 2) {
            sb.append(alphabet.charAt(Integer.parseInt(hex.substring(i, i + 2), 16) % alphabet.length()));
        }
        return "Gw" + sb + "%7";
    }
}
