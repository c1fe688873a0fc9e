package dev.gangway.sandbox.ssm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gangway.sandbox.world.SandboxKms;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.SsmSession;
import dev.gangway.ssm.protocol.PortMode;
import dev.gangway.ssm.protocol.SessionCipher;
import dev.gangway.ssm.protocol.SessionDocuments;

/**
 * The agent's side of a session's handshake, as messages: the HandshakeRequest (session type,
 * and KMS encryption with a challenge when the session is encrypted), the client's data key
 * decrypted with KMS in the session's context, and the encryption challenge and its check.
 */
final class AgentHandshake {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why the handshake failed, as the session's closing words say it. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private AgentHandshake() {
    }

    /** The HandshakeRequest payload; {@code challenge} is sent with the KMS action when {@code kmsKeyId} is set. */
    static byte[] request(SsmSession ssm, String agentVersion, boolean port, String kmsKeyId, byte[] challenge) {
        ObjectNode request = JSON.createObjectNode();
        request.put("AgentVersion", agentVersion);
        ArrayNode actions = request.putArray("RequestedClientActions");
        ObjectNode type = actions.addObject();
        type.put("ActionType", "SessionType");
        ObjectNode parameters = type.putObject("ActionParameters");
        if (port) {
            parameters.put("SessionType", "Port");
            ObjectNode properties = parameters.putObject("Properties");
            properties.put("portNumber", ssm.parameters().get("portNumber"));
            if (SessionDocuments.forwardsPorts(ssm.document())) {
                properties.put("type", PortMode.LOCAL_PORT_FORWARDING); // AWS-StartSSHSession has no type
            }
            if (ssm.parameters().containsKey("host")) {
                properties.put("host", ssm.parameters().get("host"));
            }
        } else {
            parameters.put("SessionType", ssm.command() == null ? "Standard_Stream" : "NonInteractiveCommands");
            parameters.putNull("Properties");
        }
        if (kmsKeyId != null) {
            ObjectNode kms = actions.addObject();
            kms.put("ActionType", "KMSEncryption");
            ObjectNode p = kms.putObject("ActionParameters");
            p.put("KMSKeyId", kmsKeyId);
            p.put("Challenge", Base64.getEncoder().encodeToString(challenge));
        }
        return bytes(request);
    }

    /**
     * Checks the client's HandshakeResponse: every action must have succeeded. For an encrypted
     * session, returns the 64-byte data key the client made, decrypted with KMS in the session's
     * context (and the challenge, when the client acknowledged it); else null.
     */
    static byte[] accept(JsonNode response, SandboxWorld world, SsmSession ssm, String kmsKeyId, byte[] challenge)
            throws Failed {
        byte[] dataKey = null;
        for (JsonNode action : response.path("ProcessedClientActions")) {
            String type = action.path("ActionType").asText();
            if (action.path("ActionStatus").asInt() != 1) {
                throw new Failed("The client could not process the " + type + " action: " + action.path("Error").asText(""));
            }
            if ("KMSEncryption".equals(type) && kmsKeyId != null) {
                JsonNode result = action.path("ActionResult");
                Map<String, String> context = new LinkedHashMap<>();
                context.put("aws:ssm:SessionId", ssm.sessionId());
                context.put("aws:ssm:TargetId", ssm.target());
                if (result.path("ChallengeAcknowledgement").asBoolean(false)) {
                    context.put("aws:ssm:RandomChallenge", Base64.getEncoder().encodeToString(challenge));
                }
                try {
                    byte[] blob = Base64.getDecoder().decode(result.path("KMSCipherTextKey").asText(""));
                    dataKey = world.kms(ssm.region()).decrypt(blob, context, kmsKeyId).plaintext();
                } catch (SandboxKms.Refused | IllegalArgumentException e) {
                    throw new Failed("The agent could not decrypt the session's data key with KMS.");
                }
            }
        }
        if (kmsKeyId != null && (dataKey == null || dataKey.length != 64)) {
            throw new Failed("The client did not set up KMS encryption, which this session requires.");
        }
        return dataKey;
    }

    /** The EncChallengeRequest payload: {@code proof} encrypted with the agent's half of the key. */
    static byte[] challenge(SessionCipher cipher, byte[] proof) throws GeneralSecurityException {
        ObjectNode request = JSON.createObjectNode();
        request.put("Challenge", Base64.getEncoder().encodeToString(cipher.encrypt(proof)));
        return bytes(request);
    }

    /** Whether the client's EncChallengeResponse holds {@code proof}, encrypted with its half of the key. */
    static boolean proves(SessionCipher cipher, byte[] response, byte[] proof) throws GeneralSecurityException {
        try {
            byte[] answer = cipher.decrypt(Base64.getDecoder().decode(JSON.readTree(response).path("Challenge").asText("")));
            return MessageDigest.isEqual(answer, proof);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] bytes(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
