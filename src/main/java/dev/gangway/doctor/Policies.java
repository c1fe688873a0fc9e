package dev.gangway.doctor;

import dev.gangway.eice.ConnectEndpoints;
import dev.gangway.instance.Instance;
import dev.gangway.ssm.protocol.SessionDocuments;

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
                + "    \"Resource\": \"arn:" + PolicySimulation.partition(instance.region()) + ":ec2:" + instance.region()
                + ":*:instance/" + instance.id() + "\",\n"
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
                + "    \"Resource\": \"arn:" + PolicySimulation.partition(instance.region()) + ":ec2:" + instance.region()
                + ":*:instance-connect-endpoint/"
                + endpoint.id() + "\",\n"
                + "    \"Condition\": {\n"
                + "      \"NumericEquals\": {\"ec2-instance-connect:remotePort\": \"" + port + "\"},\n"
                + "      \"StringEquals\": {\"ec2-instance-connect:privateIpAddress\": \"" + instance.privateIp()
                + "\"}\n"
                + "    }\n"
                + "  }]\n"
                + "}";
    }

    /**
     * ssm:StartSession on this instance (with this document, when one is named: the default shell's
     * is not checked), and ending or resuming one's own sessions, as AWS's least-privilege example
     * for Session Manager users writes it.
     */
    static String startSession(Instance instance, String document) {
        String partition = PolicySimulation.partition(instance.region());
        String target = "\"" + SessionDocuments.targetArn(partition, instance.region(), "*", instance.id()) + "\"";
        String resource = document == null ? target : "[\n      " + target + ",\n      \""
                + SessionDocuments.arn(partition, instance.region(), "*", document) + "\"\n    ]";
        return "{\n"
                + "  \"Version\": \"2012-10-17\",\n"
                + "  \"Statement\": [{\n"
                + "    \"Effect\": \"Allow\",\n"
                + "    \"Action\": \"ssm:StartSession\",\n"
                + "    \"Resource\": " + resource + "\n"
                + "  }, {\n"
                + "    \"Effect\": \"Allow\",\n"
                + "    \"Action\": [\"ssm:TerminateSession\", \"ssm:ResumeSession\"],\n"
                + "    \"Resource\": \"arn:" + partition + ":ssm:*:*:session/${aws:userid}-*\"\n"
                + "  }]\n"
                + "}";
    }
}
