package dev.gangway.connect.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A private key in encrypted PKCS#8 ({@code -----BEGIN ENCRYPTED PRIVATE KEY-----}, what
 * {@code openssl pkcs8 -topk8} writes), opened with the JDK's own password-based ciphers (PBES2 with
 * PBKDF2 and AES, and the older PBES1 ones). MINA opens these only through Bouncy Castle's JCE
 * provider, which Gangway does not register (see Main: 200 ms off every SSH command), so the key is
 * decrypted here and handed to MINA as the plain PKCS#8 it then reads itself.
 */
final class EncryptedPkcs8 {

    private static final byte[] BEGIN = "-----BEGIN ENCRYPTED PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END ENCRYPTED PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII);
    /** PBES2's object identifier, which some JDKs give as the algorithm's name. */
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";

    private EncryptedPkcs8() {
    }

    static boolean isOne(byte[] pem) {
        return indexOf(pem, BEGIN, 0) >= 0;
    }

    /** The encrypted key's DER, from between its PEM lines. */
    static EncryptedPrivateKeyInfo parse(byte[] pem) throws IOException {
        int begin = indexOf(pem, BEGIN, 0);
        int end = indexOf(pem, END, begin);
        if (begin < 0 || end < 0) {
            throw new IOException("no complete ENCRYPTED PRIVATE KEY block");
        }
        byte[] base64 = Arrays.copyOfRange(pem, begin + BEGIN.length, end);
        try {
            return new EncryptedPrivateKeyInfo(Base64.getMimeDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IOException("the ENCRYPTED PRIVATE KEY block is not base64", e);
        }
    }

    /**
     * The key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), for MINA to read; the
     * caller zeroes it. A wrong passphrase fails with a {@link GeneralSecurityException}.
     */
    static byte[] decrypt(EncryptedPrivateKeyInfo info, char[] passphrase) throws GeneralSecurityException {
        AlgorithmParameters params = info.getAlgParameters();
        String name = info.getAlgName();
        // PBES2 names its real algorithm in its parameters ("PBEWithHmacSHA256AndAES_256").
        String algorithm = params != null && ("PBES2".equalsIgnoreCase(name) || PBES2_OID.equals(name))
                ? params.toString() : name;
        PBEKeySpec spec = new PBEKeySpec(passphrase);
        byte[] der = null;
        try {
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(spec), params);
            PKCS8EncodedKeySpec plain = info.getKeySpec(cipher);
            der = plain.getEncoded();
            return pem(der);
        } finally {
            spec.clearPassword();
            if (der != null) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }

    private static byte[] pem(byte[] der) {
        byte[] base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der);
        ByteArrayOutputStream out = new ByteArrayOutputStream(base64.length + 64);
        out.writeBytes("-----BEGIN PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(base64);
        out.writeBytes("\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII));
        Arrays.fill(base64, (byte) 0);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        if (from < 0) {
            return -1;
        }
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
