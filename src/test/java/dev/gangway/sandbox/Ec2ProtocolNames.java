package dev.gangway.sandbox;

import software.amazon.awssdk.services.ec2.model.Instance;

final class Ec2ProtocolNames {

    private Ec2ProtocolNames() {
    }

    static String name(Instance i) {
        return i.tags().stream().filter(t -> t.key().equals("Name")).map(t -> t.value()).findFirst().orElse("");
    }
}
