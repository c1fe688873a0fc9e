package dev.gangway.windowspassword;

import static dev.gangway.testsupport.OpenSshServer.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.windowspassword.WindowsPasswordException.Reason;

/**
 * Decryption vectors made at test time as EC2 makes them: openssl encrypts a password with the
 * public half of an RSA key (PKCS#1 v1.5), and the private half is read in each format a user may
 * hold it in.
 */
class WindowsPasswordDecryptorTest {

    static final String PASSWORD = "Xq7;Lm%3bR(zT9-é";

    @TempDir
    static Path dir;
    static Path pkcs1;
    static String encrypted;

    @BeforeAll
    static void vectors() throws Exception {
        pkcs1 = dir.resolve("launch-key.pem");
        run("openssl", "genrsa", "-traditional", "-out", pkcs1.toString(), "2048");
        encrypted = encryptFor(pkcs1, PASSWORD);
    }

    /** What GetPasswordData returns for a password encrypted to {@code key}'s public half. */
    static String encryptFor(Path key, String password) throws Exception {
        Path pub = dir.resolve(key.getFileName() + ".pub.pem");
        run("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
        Path plain = Files.writeString(dir.resolve("plain.txt"), password, StandardCharsets.UTF_8);
        Path cipher = dir.resolve("cipher.bin");
        run("openssl", "pkeyutl", "-encrypt", "-pubin", "-inkey", pub.toString(), "-pkeyopt", "rsa_padding_mode:pkcs1",
                "-in", plain.toString(), "-out", cipher.toString());
        Files.delete(plain);
        return Base64.getMimeEncoder().encodeToString(Files.readAllBytes(cipher));
    }

    static PrivateKey load(Path file) throws Exception {
        return KeyFiles.load(file, (f, attempt) -> "s3cret".toCharArray()).getPrivate();
    }

    @Test
    void decryptsWithThePemKeyInEveryFormatAUserMayHoldIt() throws Exception {
        assertThat(run("head", "-1", pkcs1.toString())).contains("BEGIN RSA PRIVATE KEY");
        Path pkcs8 = dir.resolve("pkcs8.pem");
        run("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", pkcs1.toString(), "-out", pkcs8.toString());
        Path pkcs8Encrypted = dir.resolve("pkcs8-encrypted.pem");
        run("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", pkcs1.toString(), "-out", pkcs8Encrypted.toString(),
                "-passout", "pass:s3cret");
        Path openSsh = dir.resolve("openssh-rsa");
        Files.copy(pkcs1, openSsh);
        // ssh-keygen -p rewrites a key in OpenSSH's own format (here with a passphrase).
        run("ssh-keygen", "-q", "-p", "-N", "s3cret", "-f", openSsh.toString());
        assertThat(Files.readString(openSsh)).contains("BEGIN OPENSSH PRIVATE KEY");
        Path ppk = dir.resolve("putty.ppk");
        run("puttygen", pkcs1.toString(), "-O", "private", "-o", ppk.toString());

        for (Path key : new Path[] {pkcs1, pkcs8, pkcs8Encrypted, openSsh, ppk}) {
            char[] password = WindowsPasswordDecryptor.decrypt(encrypted, load(key));
            assertThat(new String(password)).as(key.getFileName().toString()).isEqualTo(PASSWORD);
        }
    }

    @Test
    void anotherRsaKeySaysItIsTheWrongKeyInsteadOfShowingNoise() throws Exception {
        Path other = dir.resolve("other.pem");
        run("openssl", "genrsa", "-traditional", "-out", other.toString(), "2048");
        assertThatThrownBy(() -> WindowsPasswordDecryptor.decrypt(encrypted, load(other)))
                .isInstanceOfSatisfying(WindowsPasswordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY))
                .hasMessageContaining("does not decrypt");
        Path bigger = dir.resolve("bigger.pem");
        run("openssl", "genrsa", "-traditional", "-out", bigger.toString(), "4096");
        assertThatThrownBy(() -> WindowsPasswordDecryptor.decrypt(encrypted, load(bigger)))
                .isInstanceOfSatisfying(WindowsPasswordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY))
                .hasMessageContaining("2048-bit").hasMessageContaining("4096 bits");
    }

    /**
     * A wrong key now and then passes PKCS#1 v1.5's padding check and yields noise: noise with
     * control characters is never shown as a password (made here by encrypting such bytes for real).
     */
    @Test
    void decryptedNoiseWithControlCharactersIsTheWrongKeyNotAPassword() throws Exception {
        String noise = encryptFor(pkcs1, "Xq7\u0007\u0001Lm\u001b[2J");
        assertThatThrownBy(() -> WindowsPasswordDecryptor.decrypt(noise, load(pkcs1)))
                .isInstanceOfSatisfying(WindowsPasswordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY))
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void anEd25519OrEcdsaKeyCannotDecryptAWindowsPassword() throws Exception {
        for (String type : new String[] {"ed25519", "ecdsa"}) {
            Path key = dir.resolve("id_" + type);
            run("ssh-keygen", "-q", "-t", type, "-N", "", "-f", key.toString());
            assertThatThrownBy(() -> WindowsPasswordDecryptor.decrypt(encrypted, load(key)))
                    .isInstanceOfSatisfying(WindowsPasswordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_RSA))
                    .hasMessageContaining("Windows passwords can only be decrypted with an RSA key pair")
                    .hasMessageContaining("this key is " + ("ecdsa".equals(type) ? "ECDSA" : "ed25519") + ".");
        }
        assertThatThrownBy(() -> WindowsPasswordDecryptor.decrypt(encrypted, null))
                .hasMessageContaining("this key is missing.");
    }

    /** An empty plaintext (a wrong key's noise can be one) is no password either. */
    @Test
    void anEmptyDecryptionIsTheWrongKey() throws Exception {
        String empty = encryptFor(pkcs1, "");
        assertThatThrownBy(() -> WindowsPasswordDecryptor.decrypt(empty, load(pkcs1)))
                .isInstanceOfSatisfying(WindowsPasswordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY));
    }

    @Test
    void truncatedGarbledOrEmptyPasswordDataSaySo() throws Exception {
        PrivateKey key = load(pkcs1);
        String compact = encrypted.replaceAll("\\s", "");
        assertThatThrownBy(() -> WindowsPasswordDecryptor.decrypt(compact.substring(0, compact.length() / 2), key))
                .isInstanceOfSatisfying(WindowsPasswordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DAMAGED))
                .hasMessageContaining("bytes long");
        assertThatThrownBy(() -> WindowsPasswordDecryptor.decrypt("not*base64!", key))
                .isInstanceOfSatisfying(WindowsPasswordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DAMAGED))
                .hasMessageContaining("not base64");
        for (String empty : new String[] {"", " \n", null}) {
            assertThatThrownBy(() -> WindowsPasswordDecryptor.decrypt(empty, key))
                    .isInstanceOfSatisfying(WindowsPasswordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_READY));
        }
        // Line breaks, as some tools wrap base64, are fine.
        assertThat(new String(WindowsPasswordDecryptor.decrypt(compact.replaceAll("(.{64})", "$1\r\n"), key))).isEqualTo(PASSWORD);
    }
}
