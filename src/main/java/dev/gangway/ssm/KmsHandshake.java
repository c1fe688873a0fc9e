package dev.gangway.ssm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gangway.ssm.protocol.HandshakeResponse;
import dev.gangway.ssm.protocol.SessionCipher;

/**
 * The client's part of a Session Manager session's KMS encryption: the data key from KMS (bound to
 * the session, the target and the agent's challenge) for the handshake's KMSEncryption action, and
 * the answer to the agent's encryption challenge.
 */
final class KmsHandshake {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTION = "KMSEncryption";

    /** The action's answer; with success the session's cipher, else why the session cannot go on. */
    record Outcome(HandshakeResponse.ProcessedAction action, SessionCipher cipher, String failure) {
    }

    private KmsHandshake() {
    }

    /**
     * A 64-byte data key from KMS GenerateDataKey with the context the agent decrypts it with; the
     * agent's challenge is taken into the context and acknowledged. The plaintext key is zeroed.
     */
    static Outcome agree(JsonNode parameters, String sessionId, String target, SessionService service) {
        String keyId = parameters.path("KMSKeyId").asText("");
        String challenge = parameters.path("Challenge").asText("");
        Map<String, String> context = new LinkedHashMap<>();
        context.put("aws:ssm:SessionId", sessionId);
        context.put("aws:ssm:TargetId", target);
        if (!challenge.isEmpty()) {
            context.put("aws:ssm:RandomChallenge", challenge);
        }
        SessionService.DataKey key;
        try {
            key = service.dataKey(keyId, context);
        } catch (IOException e) {
            return failed("Gangway could not get a data key from KMS.", e.getMessage());
        }
        SessionCipher cipher;
        try {
            cipher = SessionCipher.client(key.plaintext());
        } catch (IllegalArgumentException e) {
            return failed("The data key has the wrong size.", "KMS returned a data key of the wrong size for Session Manager.");
        } finally {
            Arrays.fill(key.plaintext(), (byte) 0);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("KMSCipherTextKey", Base64.getEncoder().encodeToString(key.ciphertextBlob()));
        result.put("KMSCipherTextHash", null);
        if (!challenge.isEmpty()) {
            result.put("ChallengeAcknowledgement", true);
        }
        return new Outcome(new HandshakeResponse.ProcessedAction(ACTION, HandshakeResponse.SUCCESS, result, ""), cipher,
                null);
    }

    private static Outcome failed(String toAgent, String toUser) {
        return new Outcome(new HandshakeResponse.ProcessedAction(ACTION, HandshakeResponse.FAILED, null, toAgent), null,
                toUser);
    }

    /** The EncChallengeResponse payload: the agent's challenge decrypted with its half of the key, encrypted with ours. */
    static byte[] challengeResponse(SessionCipher cipher, byte[] request) throws IOException, GeneralSecurityException {
        byte[] challenge = cipher.decrypt(Base64.getDecoder().decode(JSON.readTree(request).path("Challenge").asText("")));
        ObjectNode response = JSON.createObjectNode();
        response.put("Challenge", Base64.getEncoder().encodeToString(cipher.encrypt(challenge)));
        return response.toString().getBytes(StandardCharsets.UTF_8);
    }
}
