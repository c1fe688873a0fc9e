package dev.gangway.connect.keys;

import static dev.gangway.testsupport.OpenSshServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EC2's three key-pair fingerprint kinds, computed here by openssl and ssh-keygen the way AWS documents. */
class KeyMatchingTest {

    @TempDir
    Path dir;

    private static String digest(String pipeline) throws Exception {
        String out = run("sh", "-c", pipeline).trim();
        return out.substring(out.lastIndexOf(' ') + 1);
    }

    @Test
    void rsaKeyPairsCreatedByEc2MatchTheSha1OfTheirPkcs8AndImportedOnesTheMd5OfTheirPublicKey() throws Exception {
        Path key = dir.resolve("aws.pem");
        run("openssl", "genrsa", "-traditional", "-out", key.toString(), "2048");
        KeyPair pair = KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE);
        String created = digest("openssl pkcs8 -in " + key + " -inform PEM -outform DER -topk8 -nocrypt | openssl sha1 -c");
        String imported = digest("openssl rsa -in " + key + " -pubout -outform DER 2>/dev/null | openssl md5 -c");
        assertThat(created).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
        assertThat(Ec2KeyFingerprints.matches(pair, created)).isTrue();
        assertThat(Ec2KeyFingerprints.matches(pair, imported)).isTrue();

        Path other = dir.resolve("other.pem");
        run("openssl", "genrsa", "-traditional", "-out", other.toString(), "2048");
        KeyPair otherPair = KeyFiles.load(other, KeyFiles.PassphrasePrompt.NONE);
        assertThat(Ec2KeyFingerprints.matches(otherPair, created)).isFalse();
        assertThat(Ec2KeyFingerprints.matches(otherPair, imported)).isFalse();
    }

    @Test
    void ed25519KeyPairsMatchTheirSha256InEc2sBase64Form() throws Exception {
        Path key = dir.resolve("ed.pem");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        String sha = run("ssh-keygen", "-l", "-E", "sha256", "-f", key.toString()).split(" ")[1];
        // EC2 prints it without the "SHA256:" label and with base64 padding.
        String ec2Form = sha.substring("SHA256:".length()) + "=";
        KeyPair pair = KeyFiles.load(key, KeyFiles.PassphrasePrompt.NONE);
        assertThat(Ec2KeyFingerprints.matches(pair, ec2Form)).isTrue();
        assertThat(Ec2KeyFingerprints.matches(pair, sha)).isTrue();
        assertThat(Ec2KeyFingerprints.matches(pair, "AAAA" + ec2Form.substring(4))).isFalse();
    }

    @Test
    void theFinderPicksTheFileNamedAfterTheKeyPairWhoseFingerprintMatches() throws Exception {
        Path ssh = Files.createDirectories(dir.resolve(".ssh"));
        Path downloads = Files.createDirectories(dir.resolve("Downloads"));
        Path stale = ssh.resolve("prod-key.pem");
        run("openssl", "genrsa", "-traditional", "-out", stale.toString(), "2048");
        Path right = downloads.resolve("prod-key.pem");
        run("openssl", "genrsa", "-traditional", "-out", right.toString(), "2048");
        Files.setPosixFilePermissions(right, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(downloads.resolve("prod-key.key"), "not a key");
        String fp = digest("openssl pkcs8 -in " + right + " -inform PEM -outform DER -topk8 -nocrypt | openssl sha1 -c");

        KeyFinder finder = new KeyFinder(List.of(ssh, downloads));
        assertThat(finder.candidates("prod-key")).containsExactly(stale, right, downloads.resolve("prod-key.key"));
        assertThat(finder.find("prod-key", fp)).contains(right);
        assertThat(finder.find("prod-key", null)).contains(stale);
        assertThat(finder.find("prod-key", "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33")).isEmpty();
        assertThat(finder.candidates("../etc/passwd")).isEmpty();
    }
}
