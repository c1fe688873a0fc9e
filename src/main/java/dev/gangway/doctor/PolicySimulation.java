package dev.gangway.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

import dev.gangway.aws.AwsErrors;
import dev.gangway.aws.CloudAccess;
import dev.gangway.instance.Instance;

/**
 * IAM's policy simulation for the caller: whether it may do an action on some resources, asked of
 * IAM without doing it (SimulatePrincipalPolicy). Many identities may not simulate; then the
 * answer is unknown and the check falls back on what it can try for real, or says so.
 */
final class PolicySimulation {

    /** What IAM said. */
    enum Decision { ALLOWED, DENIED, UNKNOWN }

    /** IAM's decision, and the words for it (why it is unknown, or how it was denied). */
    record Answer(Decision decision, String detail) {
    }

    /**
     * Who is calling, as IAM's simulation needs it.
     *
     * @param partition    the caller's partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}), for ARNs
     * @param account      the caller's account, which owns the instances it lists
     * @param policySource the ARN to simulate (a user or role), or null for the account's root user, who may do anything
     */
    record Caller(String partition, String account, String policySource) {
    }

    private PolicySimulation() {
    }

    /**
     * The caller of {@code instance}'s profile: STS's GetCallerIdentity, an assumed role's session
     * turned into its role's ARN (with its path, from IAM when it may say).
     */
    static Facts.Got<Caller> caller(CloudAccess access, Instance instance) {
        try {
            var me = access.sts(instance.profile(), instance.region()).getCallerIdentity();
            String arn = me.arn();
            String[] parts = arn.split(":", 6);
            String resource = parts.length == 6 ? parts[5] : "";
            String partition = parts.length == 6 ? parts[1] : "aws";
            if (resource.equals("root")) {
                return Facts.Got.of(new Caller(partition, me.account(), null));
            }
            if (resource.startsWith("assumed-role/")) {
                String role = resource.split("/")[1];
                String guess = "arn:" + partition + ":iam::" + me.account() + ":role/" + role;
                try {
                    return Facts.Got.of(new Caller(partition, me.account(), access.iam(instance.profile(),
                            instance.region()).getRole(r -> r.roleName(role)).role().arn()));
                } catch (SdkException e) {
                    // A role without a path has this ARN; one with a path is then not found by the simulation.
                    return Facts.Got.of(new Caller(partition, me.account(), guess));
                }
            }
            if (!resource.startsWith("user/")) {
                return Facts.Got.failed("IAM cannot simulate the policies of " + arn);
            }
            return Facts.Got.of(new Caller(partition, me.account(), arn));
        } catch (SdkException e) {
            return Facts.Got.failed("who you are could not be read (sts:GetCallerIdentity): " + said(e, instance));
        }
    }

    /**
     * Whether {@code caller} may do {@code action} on every one of {@code resources}, with the
     * string condition keys in {@code context} ({@code ec2:osuser}).
     */
    static Answer simulate(CloudAccess access, Instance instance, Facts.Got<Caller> caller, String action,
            List<String> resources, Map<String, String> context) {
        if (!caller.ok()) {
            return new Answer(Decision.UNKNOWN, caller.problem());
        }
        if (caller.value().policySource() == null) {
            return new Answer(Decision.ALLOWED, "you are the account's root user, who may do anything");
        }
        List<ContextEntry> entries = new ArrayList<>();
        context.forEach((k, v) -> entries.add(ContextEntry.builder().contextKeyName(k).contextKeyValues(v)
                .contextKeyType(ContextKeyTypeEnum.STRING).build()));
        SimulatePrincipalPolicyResponse got;
        try {
            got = access.iam(instance.profile(), instance.region()).simulatePrincipalPolicy(r -> r
                    .policySourceArn(caller.value().policySource()).actionNames(action).resourceArns(resources)
                    .contextEntries(entries));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
            if (code.startsWith("AccessDenied")) {
                return new Answer(Decision.UNKNOWN, "your IAM identity may not ask IAM to simulate its policies "
                        + "(iam:SimulatePrincipalPolicy)");
            }
            return new Answer(Decision.UNKNOWN, "IAM's policy simulation failed: " + said(e, instance));
        } catch (SdkException e) {
            return new Answer(Decision.UNKNOWN, "IAM's policy simulation failed: " + said(e, instance));
        }
        if (got.evaluationResults().isEmpty()) {
            return new Answer(Decision.UNKNOWN, "IAM's policy simulation gave no answer");
        }
        for (EvaluationResult r : got.evaluationResults()) {
            PolicyEvaluationDecisionType d = r.evalDecision();
            String resource = r.evalResourceName();
            for (ResourceSpecificResult each : r.resourceSpecificResults()) {
                if (each.evalResourceDecision() != PolicyEvaluationDecisionType.ALLOWED) {
                    d = each.evalResourceDecision();
                    resource = each.evalResourceName();
                }
            }
            if (d == PolicyEvaluationDecisionType.ALLOWED) {
                continue;
            }
            if (d != PolicyEvaluationDecisionType.EXPLICIT_DENY && !r.missingContextValues().isEmpty()) {
                // A condition on something only the real request carries (a tag, the source IP, MFA): not known here.
                return new Answer(Decision.UNKNOWN, "IAM's policy simulation needs what only the real request "
                        + "carries (" + String.join(", ", r.missingContextValues()) + ")");
            }
            return new Answer(Decision.DENIED, (d == PolicyEvaluationDecisionType.EXPLICIT_DENY
                    ? "a policy denies " : "no policy allows ") + action + " on " + resource);
        }
        return new Answer(Decision.ALLOWED, "IAM's policy simulation allows " + action);
    }

    /** What AWS said, in a phrase: its error code and message, or the SDK's credentials message. */
    private static String said(SdkException e, Instance instance) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            return s.awsErrorDetails().errorCode() + ": " + s.awsErrorDetails().errorMessage();
        }
        String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
        String lower = m.toLowerCase(Locale.ROOT);
        return lower.contains("credentials") || lower.contains("sso") || lower.contains("unable to execute")
                ? AwsErrors.describe(e, instance.profile(), instance.region()) : m;
    }

    /** The partition of {@code region} ({@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...), as the SDK knows it. */
    static String partition(String region) {
        RegionMetadata metadata = Region.of(region).metadata();
        return metadata == null ? "aws" : metadata.partition().id();
    }
}
