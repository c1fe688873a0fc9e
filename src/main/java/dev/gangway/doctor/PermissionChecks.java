package dev.gangway.doctor;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
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
     * ssm:StartSession on the instance and the document its Session Manager way starts (a shell, or
     * for Windows the port forward Remote Desktop goes through).
     */
    Finding session() {
        String t = "Permission to start a session";
        String document = instance.platform() == GuestOs.WINDOWS ? SessionDocuments.PORT_FORWARDING
                : SessionDocuments.SHELL;
        Facts.Got<PolicySimulation.Caller> caller = facts.caller.join();
        String account = caller.ok() ? caller.value().account() : "*";
        PolicySimulation.Answer a = PolicySimulation.simulate(env.access(), instance, caller, "ssm:StartSession",
                List.of(SessionDocuments.targetArn(instance.region(), account, instance.id()),
                        SessionDocuments.arn(instance.region(), account, document)), Map.of());
        String policy = Policies.startSession(instance, document);
        return switch (a.decision()) {
            case ALLOWED -> Finding.works(Way.SESSION_MANAGER, "session-permission", t, "Your IAM identity may start a "
                    + "session on " + instance.id() + " with " + document + " (" + a.detail() + ").");
            case DENIED -> Finding.fails(Way.SESSION_MANAGER, "session-permission", t, "Your IAM identity may not "
                    + "start a session on " + instance.id() + " with " + document + " (" + a.detail() + ").",
                    "Grant it this policy (or ask your administrator):").withPolicy(policy);
            default -> Finding.unknown(Way.SESSION_MANAGER, "session-permission", t, "Not known: " + a.detail() + ".",
                    "If Session Manager refuses the session, this policy grants it:").withPolicy(policy);
        };
    }

    private String instanceArn(Facts.Got<PolicySimulation.Caller> caller) {
        return "arn:aws:ec2:" + instance.region() + ":" + (caller.ok() ? caller.value().account() : "*") + ":instance/"
                + instance.id();
    }
}
