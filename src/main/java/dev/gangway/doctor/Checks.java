package dev.gangway.doctor;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;


import dev.gangway.connect.keys.Ec2KeyFingerprints;
import dev.gangway.connect.keys.KeyFileException;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.connect.keys.KeyFinder;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.LoginUser;
import dev.gangway.instance.PortExposure;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.ssh.ConsoleHostKeys;

/** The doctor's checks for one instance, each a finding made from the instance and the {@link Facts}. */
final class Checks {

    private final Doctor.Environment env;
    private final Instance instance;
    private final Facts facts;
    private final boolean windows;
    private final int port;
    private final Supplier<Finding> keyPair = once(this::keyPair);
    private final Supplier<Finding> permission = once(() -> permissions().instanceConnect(osUser()));
    private final Supplier<Finding> securityGroup = once(this::securityGroup);
    private final Supplier<Finding> route = once(this::internetRoute);
    private final Supplier<Finding> tcp = once(this::tcp);
    private final Supplier<Finding> networkAcl = once(this::networkAcl);

    Checks(Doctor.Environment env, Instance instance, Facts facts) {
        this.env = env;
        this.instance = instance;
        this.facts = facts;
        this.windows = Doctor.windows(instance);
        this.port = windows ? instance.rdpPort() : instance.sshPort();
    }

    /** Every check that applies, in the order the report lists them. */
    List<Supplier<Finding>> all() {
        List<Supplier<Finding>> checks = new ArrayList<>();
        checks.add(this::running);
        if (!instance.isManagedNode()) {
            checks.add(this::address);
            checks.add(route);
            checks.add(securityGroup);
            checks.add(networkAcl);
            if (!windows) {
                checks.add(keyPair);
                checks.add(this::hostKey);
            }
            checks.add(tcp);
            if (!windows) {
                checks.add(this::image);
                checks.add(permission);
                checks.add(this::instanceConnectNetwork);
            }
            EndpointChecks endpoint = new EndpointChecks(env, instance, facts, port);
            checks.add(endpoint::endpoint);
            checks.add(endpoint::allowed);
            checks.add(endpoint::egress);
            checks.add(endpoint::tunnel);
            if (!windows) {
                checks.add(this::endpointLogin);
            }
        }
        checks.add(this::agent);
        if (!instance.isManagedNode()) {
            checks.add(this::instanceProfile);
        }
        checks.add(() -> permissions().session());
        if (windows) {
            checks.add(this::password);
            checks.add(this::rdpClient);
        }
        return checks;
    }

    private PermissionChecks permissions() {
        return new PermissionChecks(env, instance, facts);
    }

    private String what() {
        return windows ? "Remote Desktop (port " + port + ")" : "SSH (port " + port + ")";
    }

    // ---- every way ------------------------------------------------------------------------

    private Finding running() {
        String t = "The instance is running";
        InstanceState s = instance.state();
        return switch (s) {
            case RUNNING -> Finding.works(Way.ANY, "running", t, instance.displayName() + " is running.");
            case PENDING -> Finding.unknown(Way.ANY, "running", t, instance.displayName() + " is starting.",
                    "Wait a minute, then look again.");
            case STOPPED, STOPPING -> Finding.fails(Way.ANY, "running", t, instance.displayName() + " is "
                    + s.ec2Name() + ".", "Start it (Start in its menu); it is billed while it runs.");
            default -> Finding.fails(Way.ANY, "running", t, instance.displayName() + " is " + s.ec2Name() + ".",
                    "Nothing reaches an instance in this state.");
        };
    }

    // ---- to its address -------------------------------------------------------------------

    private Finding address() {
        String t = "A public address";
        return Doctor.address(instance)
                .map(a -> Finding.works(Way.DIRECT, "address", t, "Its public address is " + a + "."))
                .orElseGet(() -> Finding.fails(Way.DIRECT, "address", t, instance.displayName() + " has no public "
                        + "IPv4 or IPv6 address: nothing outside its VPC reaches it directly.", "Use an Instance "
                        + "Connect Endpoint or Session Manager (below), a VPN, or give it an Elastic IP."));
    }

    private Finding internetRoute() {
        String t = "A route to the internet";
        Facts.Got<Facts.Routing> got = facts.routing.join();
        if (!got.ok()) {
            return Finding.unknown(Way.DIRECT, "internet-route", t, "Its subnet's route table could not be read: "
                    + got.problem(), "");
        }
        Facts.Routing r = got.value();
        return r.internet()
                ? Finding.works(Way.DIRECT, "internet-route", t, "Route table " + r.routeTableId() + " of subnet "
                        + instance.subnetId() + " sends 0.0.0.0/0 to an internet gateway.")
                : Finding.fails(Way.DIRECT, "internet-route", t, "Route table " + r.routeTableId() + " of subnet "
                        + instance.subnetId() + " has no route to an internet gateway: a public address there is "
                        + "not reachable from the internet.", "Add a route 0.0.0.0/0 to the VPC's internet gateway "
                        + "in " + r.routeTableId() + ", or use an Instance Connect Endpoint or Session Manager.");
    }

    private Finding securityGroup() {
        String t = "A security-group rule for your IP";
        Optional<String> myIp = facts.myIp.join();
        PortExposure e = PortExposure.evaluate(facts.groups.join(), port, myIp.orElse(null));
        return switch (e.verdict()) {
            case OPEN_TO_ANYONE, OPEN_TO_YOU -> Finding.works(Way.DIRECT, "security-group", t, e.sentence());
            case CLOSED -> Finding.fails(Way.DIRECT, "security-group", t, e.sentence(), allowMyIp(myIp));
            case NOT_OPEN_TO_YOU -> myIp.isEmpty()
                    ? Finding.unknown(Way.DIRECT, "security-group", t, e.sentence() + " Your public IP is not known.",
                            "Check your connection to the internet.")
                    : Finding.fails(Way.DIRECT, "security-group", t, e.sentence(), allowMyIp(myIp));
        };
    }

    /** The subnet's network ACL: the port in from the user's IP, and the replies out to its ephemeral ports. */
    private Finding networkAcl() {
        String t = "The subnet's network ACL";
        Facts.Got<Facts.Acl> got = facts.networkAcl.join();
        Optional<String> myIp = facts.myIp.join();
        if (!got.ok()) {
            return Finding.unknown(Way.DIRECT, "network-acl", t, "Its network ACL could not be read: " + got.problem(),
                    "");
        }
        if (myIp.isEmpty()) {
            return Finding.unknown(Way.DIRECT, "network-acl", t, "Your public IP is not known.", "");
        }
        Facts.Acl acl = got.value();
        var in = NetworkAcls.decides(acl.entries(), false, port, myIp.get());
        if (!NetworkAcls.allows(in)) {
            return Finding.fails(Way.DIRECT, "network-acl", t, "Network ACL " + acl.id() + " of subnet "
                    + instance.subnetId() + " turns away TCP " + port + " from " + myIp.get() + ": "
                    + NetworkAcls.rule(in) + ".", "Allow inbound TCP " + port + " from your IP in " + acl.id()
                    + ", before the rule that denies it (VPC console, Network ACLs).");
        }
        for (int p : NetworkAcls.EPHEMERAL) {
            var out = NetworkAcls.decides(acl.entries(), true, p, myIp.get());
            if (!NetworkAcls.allows(out)) {
                return Finding.fails(Way.DIRECT, "network-acl", t, "Network ACL " + acl.id() + " lets TCP " + port
                        + " in, but turns away the replies to your computer's port " + p + ": "
                        + NetworkAcls.rule(out) + ".", "Allow outbound TCP 1024-65535 to your IP in " + acl.id()
                        + " (network ACLs do not remember connections).");
            }
        }
        return Finding.works(Way.DIRECT, "network-acl", t, "Network ACL " + acl.id() + " lets TCP " + port + " in from "
                + "your IP (" + NetworkAcls.rule(in) + ") and the replies out.");
    }

    private String allowMyIp(Optional<String> myIp) {
        return "Allow your IP: an inbound rule for TCP " + port + " from " + myIp.map(ip -> ip + (ip.contains(":")
                ? "/128" : "/32")).orElse("your IP") + " only, in one of its security groups.";
    }

    private Finding keyPair() {
        String t = "The key pair's private key";
        if (instance.keyName() == null) {
            return Finding.fails(Way.DIRECT, "key-pair", t, instance.displayName() + " was launched without a key "
                    + "pair.", "Log in with EC2 Instance Connect (a one-time key) or use Session Manager.");
        }
        KeyFinder finder = new KeyFinder(env.keyFolders());
        List<Path> candidates = env.keyFile() != null ? List.of(env.keyFile()) : finder.candidates(instance.keyName());
        if (candidates.isEmpty()) {
            return Finding.fails(Way.DIRECT, "key-pair", t, "No private key for key pair '" + instance.keyName()
                    + "' in " + env.keyFolders() + " (looked for " + instance.keyName() + ".pem and .key).",
                    "Put the .pem EC2 gave you in ~/.ssh, or give it in the instance's login settings; or log "
                            + "in with EC2 Instance Connect.");
        }
        Facts.Got<Optional<String>> fp = facts.keyFingerprint.join();
        Optional<String> ec2 = fp.ok() ? fp.value() : Optional.empty();
        Optional<Path> found = env.keyFile() != null ? matching(env.keyFile(), ec2)
                : finder.find(instance.keyName(), ec2.orElse(null));
        if (found.isPresent()) {
            return Finding.works(Way.DIRECT, "key-pair", t, found.get() + (ec2.isPresent()
                    ? " matches the fingerprint EC2 has for key pair '" + instance.keyName() + "'."
                    : " is named after key pair '" + instance.keyName() + "' (EC2's fingerprint could not be read)."));
        }
        return Finding.fails(Way.DIRECT, "key-pair", t, candidates.get(0) + " does not match the fingerprint EC2 has "
                + "for key pair '" + instance.keyName() + "' (" + ec2.orElse("?") + "), or cannot be read without "
                + "its passphrase.", "Find the .pem the instance was launched with; or log in with EC2 Instance "
                + "Connect.");
    }

    private static Optional<Path> matching(Path file, Optional<String> ec2Fingerprint) {
        try {
            KeyPair pair = KeyFiles.load(file, KeyFiles.PassphrasePrompt.NONE);
            return ec2Fingerprint.isEmpty() || Ec2KeyFingerprints.matches(pair, ec2Fingerprint.get())
                    ? Optional.of(file) : Optional.empty();
        } catch (KeyFileException e) {
            return Optional.empty();
        }
    }

    private Finding hostKey() {
        String t = "A host key to check";
        Facts.Got<String> console = facts.consoleOutput.join();
        if (console.ok() && !ConsoleHostKeys.parse(console.value()).isEmpty()) {
            return Finding.works(Way.DIRECT, "host-key", t, "Its console output lists its host keys: the server "
                    + "is checked against them, with no question.");
        }
        return Finding.unknown(Way.DIRECT, "host-key", t, "Its console output lists no host keys"
                + (console.ok() ? "" : " (" + console.problem() + ")") + ": unless known_hosts has it, you are asked "
                + "to confirm the server's fingerprint the first time.", "");
    }

    private Finding tcp() {
        Optional<String> address = Doctor.address(instance);
        if (address.isEmpty()) {
            return Finding.unknown(Way.DIRECT, "tcp", "A TCP connection", "No public address to connect to.", "");
        }
        return env.dialer().dial(address.get(), port, Doctor.DIAL);
    }

    // ---- EC2 Instance Connect ---------------------------------------------------------------

    private Finding image() {
        String t = "Instance Connect on its image";
        String image = instance.imageName() == null ? instance.imageId() : instance.imageName();
        return InstanceConnectImages.preinstalled(instance.imageName(), instance.platformDetails())
                ? Finding.works(Way.INSTANCE_CONNECT, "image", t, image + " comes with EC2 Instance Connect.")
                : Finding.unknown(Way.INSTANCE_CONNECT, "image", t, image + " does not come with EC2 Instance "
                        + "Connect (Amazon Linux 2 2.0.20190618+, Amazon Linux 2023 and Ubuntu 20.04+ do): it works "
                        + "only if the ec2-instance-connect package was installed.", "Install ec2-instance-connect "
                        + "on it, or use the key pair.");
    }

    private String osUser() {
        return LoginUser.forImage(instance.imageName(), instance.platformDetails()).orElse("ec2-user");
    }

    private Finding instanceConnectNetwork() {
        String t = "The network, as for SSH";
        Verdict v = Verdict.all(List.of(address().verdict(), route.get().verdict(), securityGroup.get().verdict(),
                networkAcl.get().verdict(), tcp.get().verdict()));
        String reason = v == Verdict.WORKS ? "Its address and port " + port + " are reached (see above)."
                : "It needs the same address and open port " + port + " as SSH: see above.";
        return new Finding(Way.INSTANCE_CONNECT, "network", t, v, reason, "", "");
    }

    // ---- Instance Connect Endpoint ----------------------------------------------------------

    private Finding endpointLogin() {
        String t = "A way to log in";
        Finding key = keyPair.get();
        Finding push = permission.get();
        if (key.verdict() == Verdict.WORKS || push.verdict() == Verdict.WORKS) {
            return Finding.works(Way.ENDPOINT, "login", t, key.verdict() == Verdict.WORKS
                    ? "With the key pair's private key (above)." : "With a one-time key by EC2 Instance Connect.");
        }
        Verdict v = key.verdict() == Verdict.FAILS && push.verdict() == Verdict.FAILS ? Verdict.FAILS : Verdict.UNKNOWN;
        return new Finding(Way.ENDPOINT, "login", t, v, "Neither the key pair's private key nor EC2 Instance Connect "
                + "is known to work (above).", "Find the key pair's .pem, or get permission to push a key.", "");
    }

    // ---- Session Manager --------------------------------------------------------------------

    private Finding agent() {
        String t = "An SSM Agent online";
        if (instance.agent() == null) {
            return Finding.fails(Way.SESSION_MANAGER, "agent", t, instance.displayName() + " is not a managed node: "
                    + "no SSM Agent has registered it with Systems Manager.", "Attach an instance profile with the "
                    + "AmazonSSMManagedInstanceCore policy, check that the SSM Agent runs, and that it reaches "
                    + "Systems Manager over HTTPS (outbound 443, or VPC endpoints for ssm, ssmmessages and "
                    + "ec2messages).");
        }
        if (!instance.agent().online()) {
            return Finding.fails(Way.SESSION_MANAGER, "agent", t, "Its SSM Agent " + instance.agent().ping().label()
                    + ".", "Start the instance if it is stopped; else check the agent runs and reaches Systems "
                    + "Manager (outbound 443).");
        }
        return Finding.works(Way.SESSION_MANAGER, "agent", t, "Its SSM Agent " + instance.agent().agentVersion()
                + " is online" + (instance.agent().platformName() == null ? "" : " (" + instance.agent().platformName()
                + ")") + ".");
    }

    /** The role its agent registers with: an instance profile, or Default Host Management Configuration. */
    private Finding instanceProfile() {
        String t = "An instance profile for the agent";
        Facts.Got<Optional<String>> got = facts.instanceProfile.join();
        if (!got.ok()) {
            return Finding.unknown(Way.SESSION_MANAGER, "instance-profile", t, "Its instance profile could not be read: "
                    + got.problem(), "");
        }
        if (got.value().isPresent()) {
            return Finding.works(Way.SESSION_MANAGER, "instance-profile", t, "Instance profile " + got.value().get()
                    + " is attached.");
        }
        boolean online = instance.sessionManagerOnline();
        return online ? Finding.works(Way.SESSION_MANAGER, "instance-profile", t, "No instance profile is attached, yet "
                + "its agent is online (Default Host Management Configuration gives it a role).")
                : Finding.fails(Way.SESSION_MANAGER, "instance-profile", t, "No instance profile is attached: its SSM "
                        + "Agent has no role to register with Systems Manager.", "Attach an instance profile whose role "
                        + "has the AmazonSSMManagedInstanceCore policy (EC2 console, Actions, Security, Modify IAM "
                        + "role), or turn on Default Host Management Configuration in Systems Manager.");
    }

    // ---- Windows ----------------------------------------------------------------------------

    private Finding password() {
        String t = "The Administrator password";
        Facts.Got<Optional<String>> data = facts.passwordData.join();
        if (!data.ok()) {
            return Finding.unknown(Way.WINDOWS_LOGIN, "password", t, data.problem(), "");
        }
        if (data.value().isEmpty()) {
            return Finding.fails(Way.WINDOWS_LOGIN, "password", t, "Windows has not made its Administrator password "
                    + "yet (it takes a few minutes after launch).", "Wait a few minutes; Gangway waits for it when "
                    + "you connect.");
        }
        Finding key = keyPair();
        return key.verdict() == Verdict.WORKS
                ? Finding.works(Way.WINDOWS_LOGIN, "password", t, "The password is ready, and " + key.reason())
                : new Finding(Way.WINDOWS_LOGIN, "password", t, key.verdict(), "The password is ready, but it is "
                        + "decrypted with the key pair's private key: " + key.reason(), key.fix(), "");
    }

    private Finding rdpClient() {
        String t = "A Remote Desktop client";
        List<RdpLaunchers.Launcher> clients = RdpLaunchers.forOs(env.os(), env.rdpClients()).stream()
                .filter(RdpLaunchers.Launcher::isAvailable).toList();
        return clients.isEmpty()
                ? Finding.fails(Way.WINDOWS_LOGIN, "rdp-client", t, "No Remote Desktop client is installed on this "
                        + "computer.", RdpLaunchers.installHint(env.os()))
                : Finding.works(Way.WINDOWS_LOGIN, "rdp-client", t, clients.get(0).name() + " is installed.");
    }

    /** {@code check} run once, its finding shared by the checks that build on it. */
    private static Supplier<Finding> once(Supplier<Finding> check) {
        return new Supplier<>() {
            private Finding made;

            @Override
            public synchronized Finding get() {
                if (made == null) {
                    made = check.get();
                }
                return made;
            }
        };
    }
}
