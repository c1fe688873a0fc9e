package dev.gangway.connect.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A private key in encrypted PKCS#8 ({@code -----BEGIN ENCRYPTED PRIVATE KEY-----}, what
 * {@code openssl pkcs8 -topk8} writes). MINA opens these only through Bouncy Castle's JCE provider,
 * which Gangway does not register (see Main: 200 ms off every SSH command), so the key is decrypted
 * here, with the JDK's own password-based ciphers where it has them and Bouncy Castle's otherwise,
 * and handed to MINA as the plain PKCS#8 it then reads itself.
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

    /** Opens one encrypted key with a passphrase. */
    interface Opener {
        /**
         * The key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), for MINA to
         * read; the caller zeroes it. A wrong passphrase fails with a {@link GeneralSecurityException}.
         */
        byte[] open(char[] passphrase) throws GeneralSecurityException, IOException;
    }

    /**
     * How to open the key between {@code pem}'s lines: with the JDK's ciphers when it has them (PBES2
     * with PBKDF2 and AES-128 or AES-256, PBES1), else with Bouncy Castle's (3DES or AES-192 under
     * PBES2, scrypt), through a provider object of its own that is made only then (never registered).
     * Fails with an {@link IOException} when the block is not an encrypted key at all.
     */
    static Opener parse(byte[] pem) throws IOException {
        int begin = indexOf(pem, BEGIN, 0);
        int end = indexOf(pem, END, begin);
        if (begin < 0 || end < 0) {
            throw new IOException("no complete ENCRYPTED PRIVATE KEY block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(Arrays.copyOfRange(pem, begin + BEGIN.length, end));
        } catch (IllegalArgumentException e) {
            throw new IOException("the ENCRYPTED PRIVATE KEY block is not base64", e);
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = algorithm(info);
            Cipher.getInstance(algorithm);
            SecretKeyFactory.getInstance(algorithm);
            return passphrase -> openWithJdk(info, algorithm, passphrase);
        } catch (IOException | GeneralSecurityException jdkCannot) {
            return BouncyCastlePkcs8.opener(der);
        }
    }

    /** An encrypted key of a kind neither the JDK nor Bouncy Castle opens here, named for the user. */
    static final class Unsupported extends IOException {
        Unsupported(String scheme) {
            super(scheme);
        }
    }

    private static String algorithm(EncryptedPrivateKeyInfo info) {
        AlgorithmParameters params = info.getAlgParameters();
        String name = info.getAlgName();
        // PBES2 names its real algorithm in its parameters ("PBEWithHmacSHA256AndAES_256").
        return params != null && ("PBES2".equalsIgnoreCase(name) || PBES2_OID.equals(name)) ? params.toString() : name;
    }

    private static byte[] openWithJdk(EncryptedPrivateKeyInfo info, String algorithm, char[] passphrase)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase);
        byte[] der = null;
        try {
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(spec),
                    info.getAlgParameters());
            der = info.getKeySpec(cipher).getEncoded();
            return pem(der);
        } finally {
            spec.clearPassword();
            if (der != null) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }

    static byte[] pem(byte[] der) {
        byte[] head = "-----BEGIN PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);
        byte[] base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der);
        byte[] out = new byte[head.length + base64.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(base64, 0, out, head.length, base64.length);
        System.arraycopy(tail, 0, out, head.length + base64.length, tail.length);
        Arrays.fill(base64, (byte) 0);
        return out;
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
