package dev.gangway.sandbox.world;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;

import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import dev.gangway.common.PrivateFiles;

/**
 * The sandbox's EC2 key pair: an RSA key kept as {@code gangway-sandbox.pem} in the sandbox data
 * folder (0600, PKCS#1 PEM as EC2 hands it out), reused across runs so a user's saved mappings hold.
 */
public final class SandboxKeyPair {

    public static final String NAME = "gangway-sandbox";

    private final Path pemFile;
    private KeyPair keyPair;

    private SandboxKeyPair(Path pemFile) {
        this.pemFile = pemFile;
    }

    /**
     * The key pair kept in {@code dataDirectory}, read (or made, when missing or unreadable) on first
     * use: reading it loads BouncyCastle, a signed jar verified on first use, which a start that never
     * needs the key (no sandbox SSH servers, no password asked for) should not pay for.
     */
    public static SandboxKeyPair in(Path dataDirectory) {
        return new SandboxKeyPair(dataDirectory.resolve(NAME + ".pem"));
    }

    private synchronized KeyPair pair() {
        if (keyPair == null) {
            try {
                keyPair = readOrCreate(pemFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyPair;
    }

    private static KeyPair readOrCreate(Path pem) throws IOException {
        if (Files.isRegularFile(pem)) {
            PrivateFiles.ownFile(pem); // an older or hand-copied file may be readable by others
            try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
                 PEMParser parser = new PEMParser(reader)) {
                Object o = parser.readObject();
                if (o instanceof PEMKeyPair pair) {
                    return new JcaPEMKeyConverter().getKeyPair(pair);
                }
            } catch (IOException | RuntimeException e) {
                // unreadable or foreign file: make a fresh key below
            }
        }
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair kp = gen.generateKeyPair();
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(kp.getPrivate());
            }
            PrivateFiles.write(pem, text.toString().getBytes(StandardCharsets.US_ASCII));
            return kp;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate the sandbox key pair", e);
        }
    }

    /** The sandbox data folder the key file is kept in (the key is not read for this). */
    public Path directory() {
        return pemFile.getParent();
    }

    /** The private key file a user (or a test) connects with. */
    public Path pemFile() {
        pair();
        return pemFile;
    }

    public PublicKey publicKey() {
        return pair().getPublic();
    }

    /**
     * The fingerprint EC2 reports for a key pair it created: the SHA-1 digest of the private key in
     * PKCS#8 DER form, as colon-separated hex.
     */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(pair().getPrivate().getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Encrypts a Windows password as EC2's GetPasswordData returns it: RSA PKCS#1 v1.5, base64. */
    public String encryptPassword(String password) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, pair().getPublic());
            byte[] encrypted = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(encrypted);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
