package dev.gangway.sandbox.world;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox's keys in KMS: each key's material is random per run and never leaves this class.
 * A data key's ciphertext blob names its key and is bound to the encryption context, as KMS binds
 * it: Decrypt with another context fails. The blob format is the sandbox's own (KMS's is opaque too).
 */
public final class SandboxKms {

    /** The account and key the seeded world's Session Manager preferences name. */
    public static final String ACCOUNT = Permissions.ACCOUNT;
    public static final String SESSION_KEY_ID = "5e55104a-0000-4000-8000-5e55104a0001";
    public static final String SESSION_KEY_ALIAS = "alias/session-manager";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    /** A data key: its plaintext (a secret the caller zeroes) and the blob that KMS can turn back into it. */
    public record DataKey(byte[] plaintext, byte[] ciphertextBlob, String keyArn) {
        @Override
        public String toString() {
            return "DataKey[" + keyArn + ", plaintext hidden]";
        }
    }

    /** Why KMS refused: its error code and message. */
    public static final class Refused extends Exception {
        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final String region;
    private final Map<String, byte[]> material = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    private volatile Consumer<byte[]> issued;

    public SandboxKms(String region) {
        this.region = region;
        createKey(SESSION_KEY_ID, SESSION_KEY_ALIAS);
    }

    /** Makes a key with fresh random material, known by {@code id} and, when not null, {@code alias}. */
    public void createKey(String id, String alias) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        material.put(id, key);
        if (alias != null) {
            aliases.put(alias, id);
        }
    }

    public String arn(String id) {
        return "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + id;
    }

    /** The key id that {@code keyId} names: an id, a key ARN, an alias or an alias ARN. */
    Optional<String> resolve(String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            return Optional.empty();
        }
        String name = keyId;
        String arnPrefix = "arn:aws:kms:" + region + ":" + ACCOUNT + ":";
        if (name.startsWith(arnPrefix)) {
            name = name.substring(arnPrefix.length());
            name = name.startsWith("key/") ? name.substring(4) : name;
        }
        if (name.startsWith("alias/")) {
            name = aliases.get(name);
        }
        return name != null && material.containsKey(name) ? Optional.of(name) : Optional.empty();
    }

    /** For tests that look for it where it must not be: each data key's plaintext, as it is issued (a copy). */
    public void whenDataKeyIssued(Consumer<byte[]> watcher) {
        issued = watcher;
    }

    /** GenerateDataKey: {@code bytes} random bytes, and their blob under {@code keyId} bound to {@code context}. */
    public DataKey generateDataKey(String keyId, int bytes, Map<String, String> context) throws Refused {
        String id = resolve(keyId).orElseThrow(() -> new Refused("NotFoundException",
                "Key '" + keyId + "' does not exist"));
        if (bytes < 1 || bytes > 1024) {
            throw new Refused("ValidationException", "NumberOfBytes must be between 1 and 1024");
        }
        byte[] plain = new byte[bytes];
        RANDOM.nextBytes(plain);
        byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = gcm(Cipher.ENCRYPT_MODE, material.get(id), nonce, context).doFinal(plain);
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            blob.write(1);
            blob.write(idBytes.length);
            blob.writeBytes(idBytes);
            blob.writeBytes(nonce);
            blob.writeBytes(sealed);
            Consumer<byte[]> watcher = issued;
            if (watcher != null) {
                watcher.accept(plain.clone());
            }
            return new DataKey(plain, blob.toByteArray(), arn(id));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this Java runtime", e);
        }
    }

    /** Decrypt: the plaintext of {@code blob}, only with the context it was made with (and its key, when named). */
    public DataKey decrypt(byte[] blob, Map<String, String> context, String keyId) throws Refused {
        Refused invalid = new Refused("InvalidCiphertextException", null);
        if (blob.length < 2 + NONCE + 16 || blob[0] != 1 || blob.length < 2 + blob[1] + NONCE + 16) {
            throw invalid;
        }
        ByteBuffer in = ByteBuffer.wrap(blob);
        in.get();
        byte[] idBytes = new byte[in.get()];
        in.get(idBytes);
        String id = new String(idBytes, StandardCharsets.US_ASCII);
        byte[] key = material.get(id);
        if (key == null) {
            throw invalid;
        }
        if (keyId != null && !keyId.isEmpty() && !resolve(keyId).map(id::equals).orElse(false)) {
            throw new Refused("IncorrectKeyException", "The key ID in the request does not identify the key that "
                    + "was used to encrypt the ciphertext.");
        }
        byte[] nonce = new byte[NONCE];
        in.get(nonce);
        try {
            return new DataKey(gcm(Cipher.DECRYPT_MODE, key, nonce, context).doFinal(blob, in.position(),
                    in.remaining()), blob, arn(id));
        } catch (GeneralSecurityException e) {
            throw invalid;
        }
    }

    /** AES-256-GCM under {@code key}, the encryption context (sorted) as additional data. */
    private static Cipher gcm(int mode, byte[] key, byte[] nonce, Map<String, String> context)
            throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        StringBuilder aad = new StringBuilder();
        new TreeMap<>(context).forEach((k, v) -> aad.append(k.length()).append(':').append(k)
                .append(v.length()).append(':').append(v));
        c.updateAAD(aad.toString().getBytes(StandardCharsets.UTF_8));
        return c;
    }

    /** Forgets every key's material (the sandbox's close). */
    public void close() {
        material.values().forEach(k -> Arrays.fill(k, (byte) 0));
    }
}
