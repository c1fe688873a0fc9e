package dev.gangway.ssm;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import dev.gangway.aws.AwsErrors;
import dev.gangway.aws.CloudException;
import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.instance.Instance;
import dev.gangway.ssm.protocol.SessionDocuments;

/**
 * Opens Session Manager shells for the window, off the UI thread: StartSession with the user's AWS
 * identity, then the data channel. No address, no open port and no key are needed: the instance's
 * SSM agent connects out to AWS, and IAM decides who may start a session.
 */
public final class SsmShellOpener {

    public static final Duration HANDSHAKE = Duration.ofSeconds(20);

    /** An open shell and the session it belongs to. */
    public record Opened(SsmShell shell, String sessionId) {
    }

    private final ConnectTasks connections;

    public SsmShellOpener(ConnectTasks connections) {
        this.connections = connections;
    }

    /** Starts a session on {@code instance} and opens its shell at {@code columns} × {@code rows}; results on the UI thread. */
    public TaskRunner.Handle open(Instance instance, int columns, int rows, Consumer<Opened> onOpen,
            Consumer<Throwable> onFailure) {
        return connections.tasks().run(() -> open(instance, columns, rows), onOpen, onFailure);
    }

    private Opened open(Instance instance, int columns, int rows) throws CloudException, IOException, InterruptedException {
        SsmSessions.Started session = SsmSessions.start(connections.context().access(), instance, null);
        return new Opened(SsmShell.open(session, SsmSessions.service(connections.context().access(), instance),
                columns, rows, HANDSHAKE), session.sessionId());
    }

    /** Session Manager's refusals in words that say what to fix. */
    public static String explain(Instance instance, SdkException e) {
        String code = e instanceof AwsServiceException s && s.awsErrorDetails() != null
                ? String.valueOf(s.awsErrorDetails().errorCode()) : "";
        String who = instance.label();
        return switch (code) {
            case "TargetNotConnected" -> who + " is not connected to Session Manager (TargetNotConnected): its SSM "
                    + "agent is not running, it has no instance profile that allows Systems Manager "
                    + "(AmazonSSMManagedInstanceCore), or it cannot reach the Systems Manager endpoints (a NAT "
                    + "gateway or the ssm, ssmmessages and ec2messages VPC endpoints).";
            case "AccessDeniedException" -> "AWS refused a Session Manager session on " + who + " for profile '"
                    + instance.profile() + "' (AccessDeniedException). The IAM identity needs ssm:StartSession on "
                    + "this instance and on the " + SessionDocuments.SHELL + " document.";
            case "InvalidTarget" -> who + " is not a node Session Manager knows (InvalidTarget): the SSM agent has "
                    + "never registered it in " + instance.region() + ".";
            case "InvalidDocument" -> "Session Manager could not use its session document for " + who
                    + " (InvalidDocument): the document is missing in " + instance.region()
                    + ", or this identity may not use it. Session Manager's preferences (SSM-SessionManagerRunShell) "
                    + "or the document named in the IAM policy's ssm:StartSession resources must exist.";
            case "DoesNotExistException" -> "The Session Manager session on " + who + " is over (DoesNotExistException): "
                    + "it timed out or was terminated. Open a new one.";
            default -> AwsErrors.describe(e, instance.profile(), instance.region());
        };
    }
}
