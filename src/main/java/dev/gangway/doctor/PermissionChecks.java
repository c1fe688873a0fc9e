package dev.gangway.doctor;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import dev.gangway.aws.CloudException;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instanceconnect.InstanceConnectClient;
import dev.gangway.ssm.protocol.SessionDocuments;

/**
 * Whether the caller's IAM identity may do what a way in needs: push an Instance Connect key for an
 * OS user, start a Session Manager session on the instance. IAM's policy simulation is asked first;
 * where the caller may not use it, Instance Connect's permission is tried for real (a one-time key
 * that lapses unused), and Session Manager's is said to be unknown, with the policy that grants it.
 */
final class PermissionChecks {

    private final Doctor.Environment env;
    private final Instance instance;
    private final Facts facts;

    PermissionChecks(Doctor.Environment env, Instance instance, Facts facts) {
        this.env = env;
        this.instance = instance;
        this.facts = facts;
    }

    /** ec2-instance-connect:SendSSHPublicKey for {@code user}: simulated, else a one-time key pushed for real. */
    Finding instanceConnect(String user) {
        String t = "Permission to push a key";
        Facts.Got<PolicySimulation.Caller> caller = facts.caller.join();
        PolicySimulation.Answer a = PolicySimulation.simulate(env.access(), instance, caller,
                "ec2-instance-connect:SendSSHPublicKey", List.of(instanceArn(caller)), Map.of("ec2:osuser", user));
        switch (a.decision()) {
            case ALLOWED:
                return Finding.works(Way.INSTANCE_CONNECT, "permission", t, "Your IAM identity may push a key for user '"
                        + user + "' to " + instance.id() + " (" + a.detail() + ").");
            case DENIED:
                return refused(user, a.detail());
            default:
                return push(user);
        }
    }

    /** A one-time key pushed for real (it expires unused after 60 s): the one sure test of the permission. */
    private Finding push(String user) {
        String t = "Permission to push a key";
        try {
            KeyPair once = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            new InstanceConnectClient(env.access()).sendSshPublicKey(instance, user,
                    PublicKeyEntry.toString(once.getPublic()));
            return Finding.works(Way.INSTANCE_CONNECT, "permission", t, "AWS accepted a one-time key for user '"
                    + user + "' (it lapses after 60 s unused).");
        } catch (CloudException e) {
            String code = e.getCause() instanceof AwsServiceException s && s.awsErrorDetails() != null
                    ? String.valueOf(s.awsErrorDetails().errorCode()) : "";
            if (code.startsWith("AccessDenied") || "AuthException".equals(code)) {
                return refused(user, code);
            }
            return Finding.unknown(Way.INSTANCE_CONNECT, "permission", t, e.getMessage(), "");
        } catch (GeneralSecurityException e) {
            return Finding.unknown(Way.INSTANCE_CONNECT, "permission", t, "No key to test with: " + e.getMessage(), "");
        }
    }

    private Finding refused(String user, String why) {
        return Finding.fails(Way.INSTANCE_CONNECT, "permission", "Permission to push a key", "Your IAM identity may "
                + "not push a key for user '" + user + "' to " + instance.id() + " (" + why + ").", "Grant it this "
                + "policy (or ask your administrator):").withPolicy(Policies.sendSshPublicKey(instance, user));
    }

    /**
     * ssm:StartSession on the instance, as Gangway starts it: a shell with the default document
     * (which AWS authorises on the target alone), or for Windows the port forward Remote Desktop
     * goes through (target and document).
     */
    Finding session() {
        String t = "Permission to start a session";
        String document = instance.platform() == GuestOs.WINDOWS ? SessionDocuments.PORT_FORWARDING : null;
        Facts.Got<PolicySimulation.Caller> caller = facts.caller.join();
        String partition = partition(caller);
        String account = caller.ok() ? caller.value().account() : "*";
        List<String> resources = new ArrayList<>(List.of(SessionDocuments.targetArn(partition, instance.region(),
                account, instance.id())));
        if (document != null) {
            resources.add(SessionDocuments.arn(partition, instance.region(), account, document));
        }
        PolicySimulation.Answer a = PolicySimulation.simulate(env.access(), instance, caller, "ssm:StartSession",
                resources, Map.of());
        String policy = Policies.startSession(instance, document);
        String what = "start a session on " + instance.id() + (document == null ? "" : " with " + document);
        return switch (a.decision()) {
            case ALLOWED -> Finding.works(Way.SESSION_MANAGER, "session-permission", t, "Your IAM identity may " + what
                    + " (" + a.detail() + ").");
            case DENIED -> Finding.fails(Way.SESSION_MANAGER, "session-permission", t, "Your IAM identity may not "
                    + what + " (" + a.detail() + ").", "Grant it this policy (or ask your administrator):")
                    .withPolicy(policy);
            default -> Finding.unknown(Way.SESSION_MANAGER, "session-permission", t, "Not known: "
                    + a.detail().replaceAll("\\.$", "") + ".",
                    "If Session Manager refuses the session, this policy grants it:").withPolicy(policy);
        };
    }

    private String instanceArn(Facts.Got<PolicySimulation.Caller> caller) {
        return SessionDocuments.targetArn(partition(caller), instance.region(), caller.ok() ? caller.value().account()
                : "*", instance.id());
    }

    private String partition(Facts.Got<PolicySimulation.Caller> caller) {
        return caller.ok() ? caller.value().partition() : PolicySimulation.partition(instance.region());
    }
}
