package dev.gangway.doctor;

import dev.gangway.eice.ConnectEndpoints;
import dev.gangway.instance.Instance;

/** The least-privilege IAM policies that grant what a check found missing, ready to copy. */
final class Policies {

    private Policies() {
    }

    /** ec2-instance-connect:SendSSHPublicKey on this instance, for this OS user only. */
    static String sendSshPublicKey(Instance instance, String osUser) {
        return "{\n"
                + "  \"Version\": \"2012-10-17\",\n"
                + "  \"Statement\": [{\n"
                + "    \"Effect\": \"Allow\",\n"
                + "    \"Action\": \"ec2-instance-connect:SendSSHPublicKey\",\n"
                + "    \"Resource\": \"arn:aws:ec2:" + instance.region() + ":*:instance/" + instance.id() + "\",\n"
                + "    \"Condition\": {\"StringEquals\": {\"ec2:osuser\": \"" + osUser + "\"}}\n"
                + "  }]\n"
                + "}";
    }

    /** ec2-instance-connect:OpenTunnel on this endpoint, to this port of this instance's address only. */
    static String openTunnel(Instance instance, ConnectEndpoints.Endpoint endpoint, int port) {
        return "{\n"
                + "  \"Version\": \"2012-10-17\",\n"
                + "  \"Statement\": [{\n"
                + "    \"Effect\": \"Allow\",\n"
                + "    \"Action\": \"ec2-instance-connect:OpenTunnel\",\n"
                + "    \"Resource\": \"arn:aws:ec2:" + instance.region() + ":*:instance-connect-endpoint/"
                + endpoint.id() + "\",\n"
                + "    \"Condition\": {\n"
                + "      \"NumericEquals\": {\"ec2-instance-connect:remotePort\": \"" + port + "\"},\n"
                + "      \"StringEquals\": {\"ec2-instance-connect:privateIpAddress\": \"" + instance.privateIp()
                + "\"}\n"
                + "    }\n"
                + "  }]\n"
                + "}";
    }
}
