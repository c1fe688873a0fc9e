package dev.gangway.connect.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Whether a private key is the one behind an EC2 key pair, by the fingerprint DescribeKeyPairs
 * reports. EC2 uses three kinds ("Verify your key pair", EC2 user guide): for RSA key pairs it
 * created, the SHA-1 of the private key in PKCS#8 DER; for imported RSA keys, the MD5 of the public
 * key in DER (SubjectPublicKeyInfo); for ED25519, the SHA-256 of the SSH public key, base64.
 */
public final class Ec2KeyFingerprints {

    private Ec2KeyFingerprints() {
    }

    public static boolean matches(KeyPair pair, String ec2Fingerprint) {
        if (ec2Fingerprint == null || ec2Fingerprint.isBlank()) {
            return false;
        }
        String wanted = ec2Fingerprint.trim();
        if (!wanted.contains(":") || wanted.startsWith("SHA256:")) {
            String sha256 = KeyUtils.getFingerPrint(BuiltinDigests.sha256, pair.getPublic()).substring("SHA256:".length());
            return strip(wanted).equals(strip(sha256));
        }
        String hex = wanted.toLowerCase(Locale.ROOT);
        byte[] privateDer = pair.getPrivate().getEncoded();
        try {
            return hex.equals(colonHex("SHA-1", privateDer)) || hex.equals(colonHex("MD5", pair.getPublic().getEncoded()));
        } finally {
            if (privateDer != null) {
                Arrays.fill(privateDer, (byte) 0);
            }
        }
    }

    private static String strip(String base64) {
        String s = base64.startsWith("SHA256:") ? base64.substring(7) : base64;
        while (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String colonHex(String algorithm, byte[] data) {
        if (data == null) {
            return "";
        }
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
