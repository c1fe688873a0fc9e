package dev.gangway.ssm;

import java.net.URI;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.StartSessionResponse;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.instance.Instance;
import dev.gangway.ssm.protocol.SessionDocuments;

/** StartSession with the user's AWS identity: a shell, or one command run without a terminal. */
public final class SsmSessions {

    /**
     * A started session: its id, and where and with which token its data channel opens.
     *
     * @param token a secret; {@link SsmShell#open} zeroes it
     */
    public record Started(String sessionId, URI streamUrl, char[] token) {
        @Override
        public String toString() {
            return "Started[" + sessionId + ", token hidden]";
        }
    }

    private SsmSessions() {
    }

    /** A shell session on {@code instance} ({@code command} null), or one that runs {@code command}. */
    public static Started start(CloudAccess access, Instance instance, String command) throws CloudException {
        SsmClient ssm = access.ssm(instance.profile(), instance.region());
        StartSessionResponse session;
        try {
            session = command == null ? ssm.startSession(r -> r.target(instance.id()))
                    : ssm.startSession(r -> r.target(instance.id()).documentName(SessionDocuments.NON_INTERACTIVE_COMMAND)
                            .parameters(Map.of("command", List.of(command))));
        } catch (SdkException e) {
            throw new CloudException(SsmShellOpener.explain(instance, e), e);
        }
        return new Started(session.sessionId(), URI.create(session.streamUrl()), session.tokenValue().toCharArray());
    }
}
