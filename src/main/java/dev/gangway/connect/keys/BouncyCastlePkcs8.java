package dev.gangway.connect.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Encrypted PKCS#8 the JDK cannot open (PBES2 with 3DES or AES-192), opened with Bouncy Castle's
 * ciphers through a provider object made only then, never registered. A class of its own, so that
 * reading any other key loads none of the provider's classes (whose set-up every `gangway ssh`
 * would pay).
 */
final class BouncyCastlePkcs8 {

    private BouncyCastlePkcs8() {
    }

    static EncryptedPkcs8.Opener opener(byte[] der) throws IOException {
        PKCS8EncryptedPrivateKeyInfo info = new PKCS8EncryptedPrivateKeyInfo(der);
        if (usesScrypt(info)) {
            throw new EncryptedPkcs8.Unsupported("scrypt");
        }
        return passphrase -> open(info, passphrase);
    }

    /** PBES2 with scrypt (openssl pkcs8 -scrypt), which Bouncy Castle's PKCS#8 decryptor does not take. */
    private static boolean usesScrypt(PKCS8EncryptedPrivateKeyInfo info) {
        try {
            return PKCSObjectIdentifiers.id_PBES2.equals(info.getEncryptionAlgorithm().getAlgorithm())
                    && MiscObjectIdentifiers.id_scrypt.equals(PBES2Parameters.getInstance(
                            info.getEncryptionAlgorithm().getParameters()).getKeyDerivationFunc().getAlgorithm());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] open(PKCS8EncryptedPrivateKeyInfo info, char[] passphrase)
            throws GeneralSecurityException, IOException {
        byte[] der = null;
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(new BouncyCastleProvider()).build(passphrase);
            der = info.decryptPrivateKeyInfo(decryptor).getEncoded();
            return EncryptedPkcs8.pem(der);
        } catch (SecurityException e) {
            // Gangway ships Bouncy Castle's jars unsigned (pom.xml): OpenJDK's runtimes, the package's
            // among them, use its ciphers all the same; Oracle's JDK refuses an unsigned provider.
            throw new EncryptedPkcs8.Unsupported("3DES or AES-192, whose ciphers this Java (an Oracle JDK) refuses to "
                    + "take from Gangway's Bouncy Castle; the installed app's own runtime opens it");
        } catch (OperatorCreationException | PKCSException | IOException e) {
            throw new GeneralSecurityException("could not open the key", e);
        } finally {
            if (der != null) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }
}
