package dev.gangway.sandbox.iam;

import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryApi;
import dev.gangway.sandbox.http.QueryParams;
import dev.gangway.sandbox.http.XmlWriter;
import dev.gangway.sandbox.world.Permissions;
import dev.gangway.sandbox.world.SandboxWorld;

/** The sandbox's STS: GetCallerIdentity names its one identity (an IAM user of its one account). */
public final class StsApi implements QueryApi {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final SandboxWorld world;

    public StsApi(SandboxWorld world) {
        this.world = world;
    }

    @Override
    public String dispatch(QueryParams p, String region, String requestId) throws ApiError {
        String action = p.action();
        world.countCall(action == null ? "" : action);
        if (!"GetCallerIdentity".equals(action)) {
            throw new ApiError(400, "InvalidAction", "Could not find operation " + action + " for version "
                    + p.get("Version"));
        }
        return new XmlWriter().start("GetCallerIdentityResponse", NAMESPACE).start("GetCallerIdentityResult")
                .el("Arn", world.permissions().caller()).el("UserId", "AIDASANDBOXUSER000001").el("Account", Permissions.ACCOUNT)
                .end().start("ResponseMetadata").el("RequestId", requestId).end().end().toString();
    }

    @Override
    public String error(String code, String message, String requestId) {
        return IamApi.errorResponse(NAMESPACE, code, message, requestId);
    }
}
