package dev.gangway.windowspassword;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;

import dev.gangway.windowspassword.WindowsPasswordException.Reason;

/**
 * Decrypts the Windows password EC2 keeps for an instance (GetPasswordData): base64 of the password
 * encrypted with the key pair's RSA public key, PKCS#1 v1.5 padding, as
 * {@code openssl pkeyutl -decrypt -pkeyopt rsa_padding_mode:pkcs1} reads it. The result is a
 * {@code char[]} for the caller to zero; the plaintext bytes are zeroed here.
 */
public final class WindowsPasswordDecryptor {

    /** The wrong key, with nothing more to say about it. */
    static final String NOT_THIS_KEY = "This key does not decrypt the password.";

    private WindowsPasswordDecryptor() {
    }

    /** The password; the messages of the exceptions name no key and no password, callers add which ones. */
    public static char[] decrypt(String passwordData, PrivateKey key) throws WindowsPasswordException {
        if (!(key instanceof RSAPrivateKey rsa)) {
            throw new WindowsPasswordException(Reason.NOT_RSA, "Windows passwords can only be decrypted with an RSA key pair; "
                    + "this key is " + (key == null ? "missing" : algorithm(key)) + ".");
        }
        if (passwordData == null || passwordData.isBlank()) {
            throw new WindowsPasswordException(Reason.NOT_READY, "EC2 has no password data for this instance yet.");
        }
        byte[] encrypted;
        try {
            encrypted = Base64.getMimeDecoder().decode(passwordData.strip());
        } catch (IllegalArgumentException e) {
            throw new WindowsPasswordException(Reason.DAMAGED, "The password data is not base64.");
        }
        // EC2 encrypts with the key pair's public key, so the data is exactly as long as its modulus.
        int modulusBytes = (rsa.getModulus().bitLength() + 7) / 8;
        if (encrypted.length != modulusBytes) {
            if (encrypted.length % 128 == 0 && encrypted.length >= 128) {
                throw new WindowsPasswordException(Reason.WRONG_KEY, "The password was encrypted for a "
                        + encrypted.length * 8 + "-bit RSA key; this key has " + rsa.getModulus().bitLength() + " bits.");
            }
            throw new WindowsPasswordException(Reason.DAMAGED, "The password data is " + encrypted.length
                    + " bytes long; a " + rsa.getModulus().bitLength() + "-bit key's is " + modulusBytes + ".");
        }
        byte[] plain = null;
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.DECRYPT_MODE, rsa);
            plain = cipher.doFinal(encrypted);
            return text(plain);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new WindowsPasswordException(Reason.WRONG_KEY, NOT_THIS_KEY);
        } catch (GeneralSecurityException e) {
            // Every JDK has RSA with PKCS#1 padding; a key the provider refuses is not one we can use.
            throw new WindowsPasswordException(Reason.WRONG_KEY, "This key cannot decrypt: " + e.getClass().getSimpleName() + ".");
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * The password as characters. A wrong key passes PKCS#1 v1.5's padding check now and then (about
     * 1 time in 30,000) and yields noise; Windows passwords are printable text, so noise is a wrong key.
     */
    private static char[] text(byte[] plain) throws WindowsPasswordException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = null;
        try {
            chars = utf8.decode(ByteBuffer.wrap(plain));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            boolean printable = password.length > 0;
            for (char c : password) {
                printable &= !Character.isISOControl(c);
            }
            if (!printable) {
                Arrays.fill(password, '\0');
                throw new WindowsPasswordException(Reason.WRONG_KEY, NOT_THIS_KEY);
            }
            return password;
        } catch (CharacterCodingException e) {
            throw new WindowsPasswordException(Reason.WRONG_KEY, NOT_THIS_KEY);
        } finally {
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    /** The key's kind as users know it: RSA, ECDSA, ed25519. */
    static String algorithm(PrivateKey key) {
        String a = key.getAlgorithm();
        return switch (a) {
            case "EC" -> "ECDSA";
            case "EdDSA", "Ed25519" -> "ed25519";
            default -> a;
        };
    }
}
