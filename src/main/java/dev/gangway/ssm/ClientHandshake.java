package dev.gangway.ssm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gangway.ssm.protocol.HandshakeResponse;
import dev.gangway.ssm.protocol.SessionCipher;

/**
 * The client's answer to the agent's HandshakeRequest: the session type (and a port session's
 * Properties type) is taken; KMS encryption gets a data key from KMS (see {@link KmsHandshake});
 * anything else is answered as unsupported, and a session that needs it cannot go on.
 */
final class ClientHandshake {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the handshake settled, and the HandshakeResponse payload to send.
     *
     * @param sessionType "Standard_Stream", "NonInteractiveCommands" or "Port" (null when none was asked)
     * @param portType    a port session's Properties type ("LocalPortForwarding"; none for AWS-StartSSHSession)
     * @param cipher      the session's payload encryption, or null for a plain session
     * @param failure     why the session cannot go on, for the user, or null
     */
    record Answer(String agentVersion, String sessionType, String portType, SessionCipher cipher, String failure,
                  byte[] response) {
    }

    private ClientHandshake() {
    }

    static Answer answer(byte[] request, String clientVersion, String sessionId, String target,
            SessionService service) {
        List<HandshakeResponse.ProcessedAction> processed = new ArrayList<>();
        String agentVersion = null;
        String sessionType = null;
        String portType = null;
        SessionCipher cipher = null;
        String failure = null;
        try {
            JsonNode json = JSON.readTree(request);
            agentVersion = json.path("AgentVersion").asText(null);
            for (JsonNode action : json.path("RequestedClientActions")) {
                String type = action.path("ActionType").asText();
                if ("SessionType".equals(type)) {
                    sessionType = action.path("ActionParameters").path("SessionType").asText();
                    portType = action.path("ActionParameters").path("Properties").path("type").asText(null);
                    processed.add(new HandshakeResponse.ProcessedAction(type, HandshakeResponse.SUCCESS, null, ""));
                } else if ("KMSEncryption".equals(type)) {
                    KmsHandshake.Outcome agreed = KmsHandshake.agree(action.path("ActionParameters"), sessionId,
                            target, service);
                    if (agreed.cipher() != null) {
                        cipher = agreed.cipher();
                    } else {
                        failure = agreed.failure();
                    }
                    processed.add(agreed.action());
                } else {
                    processed.add(new HandshakeResponse.ProcessedAction(type, HandshakeResponse.UNSUPPORTED, null,
                            "Unsupported action " + type));
                }
            }
        } catch (IOException e) {
            failure = "The Session Manager agent sent a handshake Gangway cannot read.";
        }
        return new Answer(agentVersion, sessionType, portType, cipher, failure,
                new HandshakeResponse(clientVersion, processed, null).payload());
    }
}
