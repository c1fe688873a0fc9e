package dev.gangway.sandbox.iam;

import java.util.List;

import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryApi;
import dev.gangway.sandbox.http.QueryParams;
import dev.gangway.sandbox.http.XmlWriter;
import dev.gangway.sandbox.world.Permissions;
import dev.gangway.sandbox.world.SandboxWorld;

/**
 * The sandbox's IAM, as far as a connection doctor asks it: SimulatePrincipalPolicy for the one
 * identity the sandbox has, answered from the same {@link Permissions} the APIs it simulates obey.
 * AWS's Query protocol with IAM's namespace and {@code <ErrorResponse>} errors.
 */
public final class IamApi implements QueryApi {

    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final SandboxWorld world;

    public IamApi(SandboxWorld world) {
        this.world = world;
    }

    @Override
    public String dispatch(QueryParams p, String region, String requestId) throws ApiError {
        String action = p.action();
        world.countCall(action == null ? "" : action);
        return switch (action == null ? "" : action) {
            case "SimulatePrincipalPolicy" -> simulatePrincipalPolicy(p, requestId);
            case "GetRole" -> getRole(p, requestId);
            default -> throw new ApiError(400, "InvalidAction", "Could not find operation " + action + " for version "
                    + p.get("Version"));
        };
    }

    private String getRole(QueryParams p, String requestId) throws ApiError {
        String name = String.valueOf(p.get("RoleName"));
        String arn = world.permissions().role(name).orElseThrow(() -> new ApiError(404, "NoSuchEntity",
                "The role with name " + name + " cannot be found."));
        return new XmlWriter().start("GetRoleResponse", NAMESPACE).start("GetRoleResult").start("Role")
                .el("Path", arn.substring(arn.indexOf(":role") + 5, arn.lastIndexOf('/') + 1)).el("RoleName", name)
                .el("RoleId", "AROASANDBOXROLE00001").el("Arn", arn).el("CreateDate", "2026-01-01T00:00:00Z")
                .el("AssumeRolePolicyDocument", "%7B%7D").end().end()
                .start("ResponseMetadata").el("RequestId", requestId).end().end().toString();
    }

    private String simulatePrincipalPolicy(QueryParams p, String requestId) throws ApiError {
        String source = p.get("PolicySourceArn");
        if (!world.permissions().allows("iam:SimulatePrincipalPolicy", Permissions.CALLER)) {
            throw new ApiError(403, "AccessDenied", Permissions.refusal("iam:SimulatePrincipalPolicy",
                    Permissions.CALLER));
        }
        if (source == null || source.isBlank()) {
            throw new ApiError(400, "ValidationError", "1 validation error detected: Value null at 'policySourceArn' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        if (!world.permissions().principal().map(source::equals).orElse(false)) {
            throw new ApiError(404, "NoSuchEntity", "The entity " + source + " cannot be found.");
        }
        List<String> actions = p.list("ActionNames.member");
        if (actions.isEmpty()) {
            throw new ApiError(400, "ValidationError", "1 validation error detected: Value null at 'actionNames' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        List<String> resources = p.list("ResourceArns.member");
        List<String> context = p.members("ContextEntries.member").stream().map(e -> e.get("ContextKeyName")).toList();
        XmlWriter x = new XmlWriter().start("SimulatePrincipalPolicyResponse", NAMESPACE)
                .start("SimulatePrincipalPolicyResult").el("IsTruncated", "false").start("EvaluationResults");
        // One result for each action on each resource, as IAM gives them.
        for (String action : actions) {
            for (String resource : resources.isEmpty() ? List.of("*") : resources) {
                boolean allowed = world.permissions().allows(action, resource);
                // An action allowed under a condition on a key the request did not give: IAM cannot tell.
                String missing = world.permissions().condition(action).filter(k -> !context.contains(k)).orElse(null);
                x.start("member").el("EvalActionName", action).el("EvalResourceName", resource)
                        .el("EvalDecision", allowed && missing == null ? "allowed" : "implicitDeny")
                        .start("MatchedStatements").end().start("MissingContextValues");
                if (missing != null && allowed) {
                    x.el("member", missing);
                }
                x.end().end();
            }
        }
        return x.end().end().start("ResponseMetadata").el("RequestId", requestId).end().end().toString();
    }

    @Override
    public String error(String code, String message, String requestId) {
        return errorResponse(NAMESPACE, code, message, requestId);
    }

    /** The {@code <ErrorResponse>} document IAM and STS answer errors with. */
    static String errorResponse(String namespace, String code, String message, String requestId) {
        return new XmlWriter().start("ErrorResponse", namespace).start("Error").el("Type", "Sender").el("Code", code)
                .el("Message", message).end().el("RequestId", requestId).toString();
    }
}
