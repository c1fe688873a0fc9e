package dev.gangway.ssm.protocol;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Session Manager session's payload encryption when its document asks for KMS: the 64-byte data
 * key's first half is the agent's (it encrypts what the agent sends), the second half the client's.
 * AES-256-GCM, 12-byte nonce, 16-byte tag, no additional data; on the wire nonce ‖ ciphertext ‖ tag.
 * The key halves are zeroed on {@link #close()}.
 */
public final class SessionCipher implements AutoCloseable {

    static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] encryptKey;
    private final byte[] decryptKey;

    private SessionCipher(byte[] encryptKey, byte[] decryptKey) {
        this.encryptKey = encryptKey;
        this.decryptKey = decryptKey;
    }

    /** The client's side of {@code dataKey} (64 bytes): it encrypts with the second half, decrypts with the first. */
    public static SessionCipher client(byte[] dataKey) {
        check(dataKey);
        return new SessionCipher(Arrays.copyOfRange(dataKey, 32, 64), Arrays.copyOfRange(dataKey, 0, 32));
    }

    /** The agent's side of {@code dataKey}: it encrypts with the first half, decrypts with the second. */
    public static SessionCipher agent(byte[] dataKey) {
        check(dataKey);
        return new SessionCipher(Arrays.copyOfRange(dataKey, 0, 32), Arrays.copyOfRange(dataKey, 32, 64));
    }

    private static void check(byte[] dataKey) {
        if (dataKey.length != 64) {
            throw new IllegalArgumentException("a Session Manager data key has 64 bytes, not " + dataKey.length);
        }
    }

    /** {@code plain} encrypted under a fresh random nonce. */
    public byte[] encrypt(byte[] plain) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        return encrypt(plain, nonce);
    }

    /** {@code plain} encrypted under {@code nonce} (tests give the nonce; a session never repeats one). */
    byte[] encrypt(byte[] plain, byte[] nonce) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        byte[] sealed = gcm.doFinal(plain);
        byte[] wire = new byte[NONCE + sealed.length];
        System.arraycopy(nonce, 0, wire, 0, NONCE);
        System.arraycopy(sealed, 0, wire, NONCE, sealed.length);
        return wire;
    }

    /** The plaintext of {@code wire}; fails when it was changed or made with another key. */
    public byte[] decrypt(byte[] wire) throws GeneralSecurityException {
        if (wire.length < NONCE + TAG_BITS / 8) {
            throw new GeneralSecurityException("an encrypted payload of " + wire.length + " bytes is too short");
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(decryptKey, "AES"),
                new GCMParameterSpec(TAG_BITS, wire, 0, NONCE));
        return gcm.doFinal(wire, NONCE, wire.length - NONCE);
    }

    @Override
    public void close() {
        Arrays.fill(encryptKey, (byte) 0);
        Arrays.fill(decryptKey, (byte) 0);
    }
}
