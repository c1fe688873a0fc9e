package dev.gangway.ssm.protocol;

/** The AWS-owned Session Manager documents a session is started with, named as AWS names them. */
public final class SessionDocuments {

    /** The default: an interactive shell (Standard_Stream). */
    public static final String SHELL = "SSM-SessionManagerRunShell";
    /** One command run without a terminal; its exit status is sent at the end. */
    public static final String NON_INTERACTIVE_COMMAND = "AWS-StartNonInteractiveCommand";
    /** A port on the node to a local port (parameters portNumber, localPortNumber). */
    public static final String PORT_FORWARDING = "AWS-StartPortForwardingSession";
    /** A host and port the node reaches (an RDS endpoint, say) to a local port (host, portNumber). */
    public static final String PORT_FORWARDING_TO_REMOTE_HOST = "AWS-StartPortForwardingSessionToRemoteHost";

    /** SSH's own session: the instance's SSH port as one byte stream (parameter portNumber), for an SSH client. */
    public static final String SSH = "AWS-StartSSHSession";

    /** Whether {@code document} forwards a port (a Port session, multiplexed with smux). */
    public static boolean forwardsPorts(String document) {
        return PORT_FORWARDING.equals(document) || PORT_FORWARDING_TO_REMOTE_HOST.equals(document);
    }

    /** Whether {@code document} starts a Port session (port forwarding, or SSH's stream). */
    public static boolean isPortSession(String document) {
        return forwardsPorts(document) || SSH.equals(document);
    }

    /**
     * The ARN StartSession is authorised on for {@code document} (in the {@code aws} partition): an
     * AWS-owned one ("AWS-…") has no account in it; the shell's ({@code SSM-SessionManagerRunShell},
     * Session Manager's preferences) is the account's own.
     */
    public static String arn(String region, String account, String document) {
        return arn("aws", region, account, document);
    }

    /** As above, in {@code partition} ({@code aws-cn}, {@code aws-us-gov}, ...). */
    public static String arn(String partition, String region, String account, String document) {
        return "arn:" + partition + ":ssm:" + region + ":" + (document.startsWith("AWS-") ? "" : account)
                + ":document/" + document;
    }

    /** The ARN of a session's target (in the {@code aws} partition): an EC2 instance, or a managed node ("mi-…"). */
    public static String targetArn(String region, String account, String target) {
        return targetArn("aws", region, account, target);
    }

    /** As above, in {@code partition}. */
    public static String targetArn(String partition, String region, String account, String target) {
        return target.startsWith("mi-") ? "arn:" + partition + ":ssm:" + region + ":" + account + ":managed-instance/"
                + target : "arn:" + partition + ":ec2:" + region + ":" + account + ":instance/" + target;
    }

    private SessionDocuments() {
    }
}
