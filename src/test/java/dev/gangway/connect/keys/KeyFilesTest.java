package dev.gangway.connect.keys;

import static dev.gangway.testsupport.OpenSshServer.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.connect.keys.KeyFileException.Problem;

/** Key files as users have them, made by ssh-keygen and openssl at test time. */
class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsEachFormatAndItsFingerprintMatchesSshKeygens() throws Exception {
        Path ed = ed25519("id_ed25519");
        Path pem = rsaPem("aws.pem");
        assertThat(Files.readString(pem)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Path pkcs8 = dir.resolve("plain-pkcs8.pem");
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", pkcs8.toString());
        assertThat(Files.readString(pkcs8)).startsWith("-----BEGIN PRIVATE KEY-----");
        for (Path key : List.of(ed, pem, pkcs8)) {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            KeyPair pair = KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE);
            Path pub = dir.resolve(key.getFileName() + ".derived.pub");
            Files.writeString(pub, run("ssh-keygen", "-y", "-f", key.toString()));
            String expected = run("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()).split(" ")[1];
            assertThat(KeyFiles.fingerprint(pair.getPublic())).as(key.toString()).isEqualTo(expected);
        }
    }

    /**
     * Encrypted PKCS#8 as openssl writes it (PBES2 with AES, and the older PBES1 3DES), RSA and EC:
     * opened with the JDK's ciphers, Bouncy Castle's provider not being registered (pom.xml, Main).
     */
    @Test
    void opensEncryptedPkcs8KeysAndTellsAWrongOrMissingPassphraseApart() throws Exception {
        Path rsa = dir.resolve("rsa-plain.pem");
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", rsa.toString());
        Path ec = dir.resolve("ec-plain.pem");
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ec.toString());
        // The JDK's own ciphers open the first three; Bouncy Castle's, made only for them, the others.
        List<List<String>> schemes = List.of(List.of("-v2", "aes-256-cbc"), List.of("-v2", "aes-128-cbc"),
                List.of("-v1", "PBE-SHA1-3DES"), List.of("-v2", "des3"), List.of("-v2", "aes-192-cbc"));
        for (Path plain : List.of(rsa, ec)) {
            String expected = KeyFiles.fingerprint(KeyFiles.load(plain, KeyFiles.PassphrasePrompt.NONE).getPublic());
            for (List<String> scheme : schemes) {
                Path locked = dir.resolve(plain.getFileName() + String.join("", scheme) + ".p8");
                List<String> openssl = new ArrayList<>(List.of("openssl", "pkcs8", "-topk8"));
                openssl.addAll(scheme);
                openssl.addAll(List.of("-in", plain.toString(), "-out", locked.toString(), "-passout", "pass:s3cret"));
                run(openssl.toArray(String[]::new));
                assertThat(Files.readString(locked)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
                List<Integer> asked = new ArrayList<>();
                KeyPair pair = KeyFiles.load(locked, (file, attempt) -> {
                    asked.add(attempt);
                    return (attempt == 0 ? "wrong" : "s3cret").toCharArray();
                });
                assertThat(KeyFiles.fingerprint(pair.getPublic())).as(locked.toString()).isEqualTo(expected);
                assertThat(asked).containsExactly(0, 1);
            }
        }
        Path locked = dir.resolve(rsa.getFileName() + "-v2aes-256-cbc.p8");
        assertThatThrownBy(() -> KeyFiles.load(locked, (file, attempt) -> "wrong".toCharArray()))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem())
                        .isEqualTo(Problem.WRONG_PASSPHRASE));
        assertThatThrownBy(() -> KeyFiles.load(locked, KeyFiles.PassphrasePrompt.NONE))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem())
                        .isEqualTo(Problem.NEEDS_PASSPHRASE));
        // scrypt: said before anything is asked, with the conversion that keeps the passphrase.
        Path scrypt = dir.resolve("scrypt.p8");
        run("openssl", "pkcs8", "-topk8", "-scrypt", "-in", rsa.toString(), "-out", scrypt.toString(), "-passout",
                "pass:s3cret");
        assertThatThrownBy(() -> KeyFiles.load(scrypt, (file, attempt) -> {
            throw new AssertionError("asked for a key it cannot open");
        })).isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.getMessage())
                .contains("is encrypted with scrypt, which Gangway cannot open")
                .contains("openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + scrypt));
        // A damaged block is not a key, and nothing is asked for it.
        Path damaged = Files.writeString(dir.resolve("damaged.p8"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nnot base64 at all!\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> KeyFiles.load(damaged, (file, attempt) -> {
            throw new AssertionError("asked for a damaged file");
        })).isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(Problem.NOT_A_KEY));
    }

    @Test
    void readsPuttyPpkFilesOfBothVersionsWithAndWithoutAPassphrase() throws Exception {
        Path ed = ed25519("id_ed25519");
        Path rsa = rsaPem("aws.pem");
        Path passphraseFile = Files.writeString(dir.resolve("pass.txt"), "ppk secret\n");
        for (Path key : List.of(ed, rsa)) {
            String expected = KeyFiles.fingerprint(KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE).getPublic());
            Path v3 = dir.resolve(key.getFileName() + ".ppk");
            run("puttygen", key.toString(), "-O", "private", "-o", v3.toString());
            assertThat(Files.readString(v3)).startsWith("PuTTY-User-Key-File-3:");
            Path v2 = dir.resolve(key.getFileName() + "-v2.ppk");
            run("puttygen", key.toString(), "-O", "private", "--ppk-param", "version=2", "-o", v2.toString());
            assertThat(Files.readString(v2)).startsWith("PuTTY-User-Key-File-2:");
            Path locked = dir.resolve(key.getFileName() + "-locked.ppk");
            run("puttygen", key.toString(), "-O", "private", "--new-passphrase", passphraseFile.toString(), "-o",
                    locked.toString());
            for (Path ppk : List.of(v3, v2)) {
                assertThat(KeyFiles.fingerprint(KeyFiles.load(ppk, KeyFiles.PassphrasePrompt.NONE).getPublic()))
                        .as(ppk.toString()).isEqualTo(expected);
            }
            assertThat(KeyFiles.fingerprint(KeyFiles.load(locked, (f, attempt) -> "ppk secret".toCharArray()).getPublic()))
                    .isEqualTo(expected);
            assertThatThrownBy(() -> KeyFiles.load(locked, (f, attempt) -> "wrong".toCharArray()))
                    .isInstanceOf(KeyFileException.class).extracting(e -> ((KeyFileException) e).problem())
                    .isEqualTo(Problem.WRONG_PASSPHRASE);
            assertThatThrownBy(() -> KeyFiles.load(locked, KeyFiles.PassphrasePrompt.NONE))
                    .isInstanceOf(KeyFileException.class).extracting(e -> ((KeyFileException) e).problem())
                    .isEqualTo(Problem.NEEDS_PASSPHRASE);
        }
    }

    @Test
    void aPassphraseIsAskedUpToThreeTimesAndTheAnswersAreZeroed() throws Exception {
        Path key = dir.resolve("id_rsa");
        run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "right one", "-f", key.toString());
        List<char[]> given = new ArrayList<>();
        KeyPair pair = KeyFiles.load(key, (file, attempt) -> {
            char[] answer = (attempt < 2 ? "wrong" : "right one").toCharArray();
            given.add(answer);
            return answer;
        });
        assertThat(pair.getPrivate()).isNotNull();
        assertThat(given).hasSize(3).allSatisfy(a -> assertThat(new String(a)).isEqualTo("\0".repeat(a.length)));
    }

    @Test
    void eachProblemHasItsOwnMessage() throws Exception {
        Path key = dir.resolve("locked");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", key.toString());
        assertThatThrownBy(() -> KeyFiles.load(key, (f, attempt) -> "nope".toCharArray()))
                .isInstanceOf(KeyFileException.class)
                .satisfies(e -> assertThat(((KeyFileException) e).problem()).isEqualTo(Problem.WRONG_PASSPHRASE))
                .hasMessageContaining("passphrase does not open");
        assertThatThrownBy(() -> KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE))
                .satisfies(e -> assertThat(((KeyFileException) e).problem()).isEqualTo(Problem.NEEDS_PASSPHRASE))
                .hasMessageContaining("protected by a passphrase");

        Path text = Files.writeString(dir.resolve("notes.pem"), "-----BEGIN RSA PRIVATE KEY-----\nnot base64 at all\n");
        assertThatThrownBy(() -> KeyFiles.load(text, KeyFiles.PassphrasePrompt.NONE))
                .satisfies(e -> assertThat(((KeyFileException) e).problem()).isEqualTo(Problem.NOT_A_KEY))
                .hasMessageContaining("is not a private key Gangway can read");
        assertThatThrownBy(() -> KeyFiles.load(dir.resolve("missing.pem"), KeyFiles.PassphrasePrompt.NONE))
                .satisfies(e -> assertThat(((KeyFileException) e).problem()).isEqualTo(Problem.UNREADABLE))
                .hasMessageContaining("There is no key file at");
        // No message ever carries the key's content.
        assertThatThrownBy(() -> KeyFiles.load(text, KeyFiles.PassphrasePrompt.NONE))
                .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("not base64 at all"));
    }

    @Test
    void aKeyOthersCanReadIsWarnedAboutNotRefused() throws Exception {
        Path key = ed25519("shared.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(KeyFiles.permissionWarning(key)).hasValueSatisfying(w -> assertThat(w)
                .contains("can be read by other users").contains("chmod 600"));
        assertThat(KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE).getPrivate()).isNotNull();
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyFiles.permissionWarning(key)).isEmpty();
        assertThat(Arrays.asList(Problem.values())).hasSize(4);
    }

    /** An ed25519 key without a passphrase, in OpenSSH's format, made by ssh-keygen. */
    private Path ed25519(String name) throws Exception {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        return key;
    }

    /** An RSA key without a passphrase in PEM (PKCS#1), as EC2 hands them out, made by ssh-keygen. */
    private Path rsaPem(String name) throws Exception {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", key.toString());
        return key;
    }
}
