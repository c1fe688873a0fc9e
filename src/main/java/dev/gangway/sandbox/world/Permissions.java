package dev.gangway.sandbox.world;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the sandbox's one IAM identity may do: everything, except the action and resource pairs a
 * test denies. The APIs that AWS authorises (SendSSHPublicKey, StartSession) refuse a denied pair
 * with AccessDenied, and IAM's policy simulation answers the same, so a doctor's simulated verdict
 * can be checked against the real call.
 */
public final class Permissions {

    /** The account every sandbox resource belongs to. */
    public static final String ACCOUNT = "123456789012";
    /** The identity the sandbox's credentials belong to, as STS's GetCallerIdentity names it. */
    public static final String CALLER = "arn:aws:iam::" + ACCOUNT + ":user/sandbox";

    /** "action resource" pairs; a resource of {@code *} stands for every resource. */
    private final Set<String> denied = ConcurrentHashMap.newKeySet();

    /** Denies (or allows again) {@code action} ("ssm:StartSession") on {@code resource} (an ARN, or {@code *}). */
    public void deny(String action, String resource, boolean deny) {
        if (deny) {
            denied.add(action + ' ' + resource);
        } else {
            denied.remove(action + ' ' + resource);
        }
    }

    /** Whether the identity may do {@code action} on {@code resource} (an ARN). */
    public boolean allows(String action, String resource) {
        return !denied.contains(action + ' ' + resource) && !denied.contains(action + " *");
    }

    /** The message AWS gives when an identity-based policy does not allow an action. */
    public static String refusal(String action, String resource) {
        return "User: " + CALLER + " is not authorized to perform: " + action + " on resource: " + resource
                + " because no identity-based policy allows the " + action + " action";
    }
}
