package dev.gangway.aws;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns SDK failures into one sentence a user can act on. Never includes credentials. */
public final class AwsErrors {

    private AwsErrors() {
    }

    /** What a call was for, for a refusal to name: "read the Windows password of web-1", and the permission it needs. */
    public record Call(String doing, String permissions) {
        /** Listing: DescribeInstances and what the table shows beside it. */
        public static final Call LIST = new Call("list instances", "the ec2:DescribeInstances, "
                + "ec2:DescribeSecurityGroups and ec2:DescribeImages permissions");

        /** A call of EC2 action {@code action} ("GetPasswordData") for {@code doing}. */
        public static Call ec2(String doing, String action) {
            return new Call(doing, "the ec2:" + action + " permission");
        }
    }

    public static String describe(Throwable error, String profile, String region) {
        return describe(error, profile, region, Call.LIST);
    }

    /** As {@link #describe(Throwable, String, String)} for a call made for {@code call}: a refusal names its permission. */
    public static String describe(Throwable error, String profile, String region, Call call) {
        String where = region == null ? "profile '" + profile + "'" : "profile '" + profile + "' in " + region;
        Throwable e = unwrap(error);
        if (cameFromSso(error)) {
            // An expired SSO token with nothing to refresh it fails inside the SDK's SSO providers,
            // with words such as "clientId is null" that tell a user nothing.
            return "The SSO session of " + where + " has expired or was never started. Run `aws sso login --profile "
                    + profile + "`, then try again.";
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : nullToEmpty(service.awsErrorDetails().errorCode());
            return describeServiceError(code, service.statusCode(), where, profile, region, call);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || hasCause(e, SocketTimeoutException.class)) {
            return "EC2 did not answer in time for " + where + ". Check your network or proxy, then try again.";
        }
        if (hasCause(e, UnknownHostException.class) || hasCause(e, ConnectException.class)) {
            return "Could not reach the EC2 endpoint for " + where + " (" + firstLine(rootCause(e).getMessage())
                    + "). Check your network, proxy or the endpoint_url setting.";
        }
        if (e instanceof SdkClientException) {
            String msg = firstLine(e.getMessage());
            if (msg.startsWith("Unable to unmarshall response")) {
                return "The answer from AWS for " + where + " could not be read: it was cut off, or is not AWS's. "
                        + "A proxy between you and AWS may be changing it (check HTTPS_PROXY and endpoint_url); "
                        + "try again.";
            }
            String lower = msg.toLowerCase(Locale.ROOT);
            if (lower.contains("sso") && (lower.contains("expired") || lower.contains("token"))) {
                return "The SSO session of " + where + " has expired or was never started. Run `aws sso login --profile "
                        + profile + "`, then try again.";
            }
            if (lower.contains("unable to load credentials") || lower.contains("credentials")) {
                return "No usable credentials for " + where + ": " + msg
                        + " Check ~/.aws/credentials and ~/.aws/config, then try again.";
            }
            return "Could not list instances of " + where + ": " + msg;
        }
        String said = firstLine(String.valueOf(e.getMessage()));
        if (said.startsWith("Profile definition") || said.matches(".* on line \\d+.*")) {
            return configSyntax(said);
        }
        return "Could not list instances of " + where + ": " + said;
    }

    /** Whether {@code error} was raised by the SDK's SSO credential or token providers (an SSO profile's sign-in). */
    static boolean cameFromSso(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String c = frame.getClassName();
                if (c.startsWith("software.amazon.awssdk.services.sso.") || c.startsWith("software.amazon.awssdk.services.ssooidc.")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The SDK's reader of ~/.aws/config and ~/.aws/credentials stopped at a line it cannot parse ({@code said}). */
    public static String configSyntax(String said) {
        return "The AWS config or credentials file (~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE) has a line "
                + "the AWS SDK cannot read: " + said.replaceAll("\\.$", "") + ". Fix that line; the AWS CLI reads the "
                + "same files.";
    }

    private static String describeServiceError(String code, int status, String where, String profile, String region,
            Call call) {
        switch (code) {
            case "AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClientException",
                 "InvalidAccessKeyId", "MissingAuthenticationToken" -> {
                return "AWS refused the credentials of " + where + " (" + code + "). Check the access key of profile '"
                        + profile + "' or sign in again, then try again.";
            }
            case "OptInRequired" -> {
                return "Region " + (region == null ? "" : region + " ") + "is not enabled for the account of profile '"
                        + profile + "' (OptInRequired). Enable it in the AWS console under Account → AWS Regions, "
                        + "or deselect it.";
            }
            case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired" -> {
                return "The credentials of " + where + " have expired (" + code + "). Refresh them (for SSO: `aws sso "
                        + "login --profile " + profile + "`), then try again.";
            }
            case "UnauthorizedOperation", "AccessDenied", "AccessDeniedException" -> {
                return "Profile '" + profile + "' is not allowed to " + call.doing() + (region == null ? "" : " in " + region)
                        + " (" + code + "). Ask for " + call.permissions() + ".";
            }
            case "RequestLimitExceeded", "Throttling", "ThrottlingException" -> {
                return "EC2 kept throttling requests for " + where + " even after retries (" + code + "). Wait a minute "
                        + "and try again, or list fewer regions.";
            }
            default -> {
                if (status >= 500) {
                    return "EC2 answered with a server error for " + where + " (" + (code.isEmpty() ? "HTTP " + status : code)
                            + ") even after retries. Try again shortly.";
                }
                return "EC2 refused the request for " + where + " (" + (code.isEmpty() ? "HTTP " + status : code) + ").";
            }
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException
                || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
