package dev.gangway.sandbox.world;

import java.util.Map;
import java.util.Optional;
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
    /** Actions allowed only under a condition on a context key the real request carries ("action key"). */
    private final Map<String, String> conditions = new ConcurrentHashMap<>();
    /** The IAM roles by name, as GetRole answers them (their ARNs with their paths). */
    private final Map<String, String> roles = new ConcurrentHashMap<>();
    /** Who STS says the caller is: the IAM user, or a test's assumed-role session or root. */
    private volatile String caller = CALLER;

    /** Makes STS name {@code arn} as the caller (an assumed-role session, the root user); null: the IAM user again. */
    public void callAs(String arn) {
        caller = arn == null ? CALLER : arn;
    }

    public String caller() {
        return caller;
    }

    /** Adds (or with null removes) a role GetRole finds by {@code name}. */
    public void role(String name, String arn) {
        if (arn == null) {
            roles.remove(name);
        } else {
            roles.put(name, arn);
        }
    }

    public Optional<String> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    /**
     * The ARN IAM's simulation takes for the caller: the user, or an assumed role's role; empty for
     * the root user, whose policies cannot be simulated.
     */
    public Optional<String> principal() {
        String c = caller;
        if (c.endsWith(":root")) {
            return Optional.empty();
        }
        if (c.contains(":assumed-role/")) {
            return role(c.substring(c.indexOf(":assumed-role/") + 14).split("/")[0]);
        }
        return Optional.of(c);
    }

    /** Allows {@code action} only with the context key {@code key} (null: unconditionally again). */
    public void condition(String action, String key) {
        if (key == null) {
            conditions.remove(action);
        } else {
            conditions.put(action, key);
        }
    }

    /** The context key {@code action} is allowed under, if any. */
    public Optional<String> condition(String action) {
        return Optional.ofNullable(conditions.get(action));
    }

    /** Denies (or allows again) {@code action} ("ssm:StartSession") on {@code resource} (an ARN, or {@code *}). */
    public void deny(String action, String resource, boolean deny) {
        if (deny) {
            denied.add(action + ' ' + resource);
        } else {
            denied.remove(action + ' ' + resource);
        }
    }

    /** Makes SendSSHPublicKey answer AccessDeniedException on every instance (false: allowed again). */
    public void denyInstanceConnect(boolean deny) {
        deny("ec2-instance-connect:SendSSHPublicKey", "*", deny);
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
