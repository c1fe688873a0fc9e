package dev.gangway.testsupport;

import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.world.Machine;

/** The sandbox's instances by Name, as the sandbox holds them and as Gangway's clients take them. */
public final class SandboxInstances {

    private SandboxInstances() {
    }

    public static Machine machine(SandboxCloud sandbox, String name) {
        return sandbox.world().machines().stream().filter(m -> name.equals(m.name())).findFirst().orElseThrow();
    }

    /** Instance {@code name} of the sandbox's profile in its region, with what sessions and tunnels need (id, name, private addresses, VPC and subnet). */
    public static Instance instance(SandboxCloud sandbox, String name) {
        Machine m = machine(sandbox, name);
        return InstanceBuilder.instance(b -> {
            b.profile = SandboxCloud.PROFILE;
            b.id = m.id();
            b.name = name;
            b.region = m.region();
            b.privateIp = m.privateIp;
            b.ipv6 = m.ipv6;
            b.vpcId = m.vpcId;
            b.subnetId = m.subnetId;
        });
    }
}
