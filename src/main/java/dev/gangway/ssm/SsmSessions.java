package dev.gangway.ssm;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.ssm.model.ResumeSessionResponse;
import software.amazon.awssdk.services.ssm.model.StartSessionResponse;

import dev.gangway.aws.AwsErrors;
import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.instance.Instance;
import dev.gangway.ssm.protocol.SessionDocuments;

/** StartSession with the user's AWS identity (a shell, or one command run without a terminal), and the session's later calls. */
public final class SsmSessions {

    /**
     * A started session: its id, its target, and where and with which token its data channel opens.
     *
     * @param token a secret; {@link SsmShell#open} zeroes it
     */
    public record Started(String sessionId, String target, URI streamUrl, char[] token) {
        @Override
        public String toString() {
            return "Started[" + sessionId + " on " + target + ", token hidden]";
        }
    }

    private SsmSessions() {
    }

    /** A shell session on {@code instance} ({@code command} null), or one that runs {@code command}. */
    public static Started start(CloudAccess access, Instance instance, String command) throws CloudException {
        return command == null ? start(access, instance, null, Map.of())
                : start(access, instance, SessionDocuments.NON_INTERACTIVE_COMMAND, Map.of("command", command));
    }

    /**
     * A port session: {@code remotePort} of {@code instance} (AWS-StartPortForwardingSession), or of
     * {@code remoteHost} as the instance reaches it (AWS-StartPortForwardingSessionToRemoteHost).
     */
    public static Started startPortForwarding(CloudAccess access, Instance instance, String remoteHost, int remotePort,
            int localPort) throws CloudException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("portNumber", Integer.toString(remotePort));
        parameters.put("localPortNumber", Integer.toString(localPort));
        if (remoteHost != null) {
            parameters.put("host", remoteHost);
        }
        return start(access, instance, remoteHost == null ? SessionDocuments.PORT_FORWARDING
                : SessionDocuments.PORT_FORWARDING_TO_REMOTE_HOST, parameters);
    }

    /** SSH's own session to {@code sshPort} of {@code instance} (AWS-StartSSHSession), for an SSH client to ride. */
    public static Started startSsh(CloudAccess access, Instance instance, int sshPort) throws CloudException {
        return start(access, instance, SessionDocuments.SSH, Map.of("portNumber", Integer.toString(sshPort)));
    }

    /** StartSession with {@code document} (null: the default shell) and its parameters, one value each. */
    private static Started start(CloudAccess access, Instance instance, String document, Map<String, String> parameters)
            throws CloudException {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        parameters.forEach((name, value) -> lists.put(name, List.of(value)));
        StartSessionResponse session;
        try {
            session = access.ssm(instance.profile(), instance.region()).startSession(r -> {
                r.target(instance.id());
                if (document != null) {
                    r.documentName(document).parameters(lists);
                }
            });
        } catch (SdkException e) {
            throw new CloudException(SsmShellOpener.explain(instance, e), e);
        }
        return new Started(session.sessionId(), instance.id(), URI.create(session.streamUrl()),
                session.tokenValue().toCharArray());
    }

    /** The later calls of sessions on {@code instance}, with the identity that started them. */
    public static SessionService service(CloudAccess access, Instance instance) {
        return new SessionService() {
            @Override
            public Optional<Started> resume(String sessionId) throws IOException {
                ResumeSessionResponse r;
                try {
                    r = access.ssm(instance.profile(), instance.region()).resumeSession(q -> q.sessionId(sessionId));
                } catch (AwsServiceException e) {
                    String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
                    if ("DoesNotExistException".equals(code)) {
                        return Optional.empty();
                    }
                    if ("AccessDeniedException".equals(code)) {
                        throw new IOException("AWS refused to resume the Session Manager session on "
                                + instance.label() + " for profile '" + instance.profile()
                                + "' (AccessDeniedException): the IAM identity needs ssm:ResumeSession on it.", e);
                    }
                    throw new IOException(SsmShellOpener.explain(instance, e), e);
                } catch (SdkException e) {
                    throw new IOException(SsmShellOpener.explain(instance, e), e);
                }
                if (r.tokenValue() == null || r.tokenValue().isEmpty()) {
                    return Optional.empty(); // the session timed out
                }
                // Without a StreamUrl the channel opens where it was (SsmShell keeps it).
                URI url = r.streamUrl() == null || r.streamUrl().isBlank() ? null : URI.create(r.streamUrl());
                return Optional.of(new Started(sessionId, instance.id(), url, r.tokenValue().toCharArray()));
            }

            @Override
            public void terminate(String sessionId) {
                try {
                    access.ssm(instance.profile(), instance.region()).terminateSession(q -> q.sessionId(sessionId));
                } catch (SdkException e) {
                    // The service ends it anyway once its idle timeout passes.
                }
            }

            @Override
            public DataKey dataKey(String keyId, Map<String, String> context) throws IOException {
                try {
                    GenerateDataKeyResponse r = access.kms(instance.profile(), instance.region()).generateDataKey(q -> q
                            .keyId(keyId).numberOfBytes(64).encryptionContext(context));
                    return new DataKey(r.plaintext().asByteArrayUnsafe(), r.ciphertextBlob().asByteArray());
                } catch (AwsServiceException e) {
                    String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
                    throw new IOException(switch (code) {
                        case "AccessDeniedException" -> "AWS refused kms:GenerateDataKey on the key " + keyId
                                + " for profile '" + instance.profile() + "' (AccessDeniedException). The account's "
                                + "Session Manager preferences encrypt sessions with this key: the IAM identity "
                                + "needs kms:GenerateDataKey on it.";
                        case "NotFoundException" -> "The KMS key " + keyId + " named in the account's Session "
                                + "Manager preferences does not exist in " + instance.region() + " (NotFoundException).";
                        default -> AwsErrors.describe(e, instance.profile(), instance.region());
                    }, e);
                } catch (SdkException e) {
                    throw new IOException(AwsErrors.describe(e, instance.profile(), instance.region()), e);
                }
            }
        };
    }
}
