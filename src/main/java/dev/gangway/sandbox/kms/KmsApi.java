package dev.gangway.sandbox.kms;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gangway.sandbox.http.Answer;
import dev.gangway.sandbox.http.JsonApi;
import dev.gangway.sandbox.world.SandboxKms;
import dev.gangway.sandbox.world.SandboxWorld;

/**
 * The sandbox's KMS (AWS JSON 1.1, {@code X-Amz-Target: TrentService.<Operation>}): GenerateDataKey
 * and Decrypt, what Session Manager's encryption uses. Keys are the region's {@link SandboxKms}.
 */
public final class KmsApi implements JsonApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SandboxWorld world;

    public KmsApi(SandboxWorld world) {
        this.world = world;
    }

    @Override
    public Answer answer(String operation, JsonNode req, String region, String requestId) {
        world.countCall(operation);
        SandboxKms kms = world.kms(region);
        Map<String, String> context = new LinkedHashMap<>();
        req.path("EncryptionContext").fields().forEachRemaining(f -> context.put(f.getKey(), f.getValue().asText()));
        try {
            return switch (operation) {
                case "GenerateDataKey" -> {
                    int bytes = req.has("NumberOfBytes") ? req.path("NumberOfBytes").asInt()
                            : "AES_128".equals(req.path("KeySpec").asText()) ? 16 : 32;
                    yield answer(requestId, kms.generateDataKey(req.path("KeyId").asText(""), bytes, context), true);
                }
                case "Decrypt" -> {
                    byte[] blob;
                    try {
                        blob = Base64.getDecoder().decode(req.path("CiphertextBlob").asText(""));
                    } catch (IllegalArgumentException e) {
                        yield JsonApi.error(requestId, 400, "SerializationException", "CiphertextBlob is not base64.");
                    }
                    yield answer(requestId, kms.decrypt(blob, context, req.path("KeyId").asText(null)), false);
                }
                default -> JsonApi.error(requestId, 400, "UnknownOperationException", "Unknown operation " + operation);
            };
        } catch (SandboxKms.Refused e) {
            return JsonApi.error(requestId, 400, e.code(), e.getMessage() == null ? "" : e.getMessage());
        }
    }

    private static Answer answer(String requestId, SandboxKms.DataKey key, boolean withBlob) {
        ObjectNode out = JSON.createObjectNode();
        out.put("KeyId", key.keyArn());
        out.put("Plaintext", Base64.getEncoder().encodeToString(key.plaintext()));
        if (withBlob) {
            out.put("CiphertextBlob", Base64.getEncoder().encodeToString(key.ciphertextBlob()));
        } else {
            out.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        }
        Arrays.fill(key.plaintext(), (byte) 0);
        return Answer.of(200, TYPE, requestId, out.toString());
    }
}
