package dev.gangway.ssh;

import static dev.gangway.testsupport.OpenSshServer.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Locale;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cloud-init's host-key block, as instances print it (prefixes, MD5 on old AMIs, several boots). */
class ConsoleHostKeysTest {

    @TempDir
    Path dir;

    private PublicKey newHostKey(String name) throws Exception {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        return PublicKeyEntry.parsePublicKeyEntry(Files.readString(Path.of(key + ".pub")).trim())
                .resolvePublicKey(null, null, null);
    }

    private String fingerprint(String name, String hash) throws Exception {
        return run("ssh-keygen", "-l", "-E", hash, "-f", dir.resolve(name + ".pub").toString()).split(" ")[1];
    }

    @Test
    void readsTheLastBlockWithEc2AndSyslogPrefixesAndVouchesOnlyForItsKeys() throws Exception {
        PublicKey old = newHostKey("old");
        PublicKey current = newHostKey("current");
        PublicKey stranger = newHostKey("stranger");
        String console = String.join("\n",
                "[    0.000000] Linux version 6.1",
                "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----",
                "ec2: 256 " + fingerprint("old", "sha256") + " root@ip-10-0-0-1 (ED25519)",
                "ec2: -----END SSH HOST KEY FINGERPRINTS-----",
                "reboot",
                "Mar  1 09:16:30 ip-10-0-0-1 ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----",
                "Mar  1 09:16:30 ip-10-0-0-1 ec2: 256 " + fingerprint("current", "sha256") + " root@ip-10-0-0-1 (ED25519)",
                "Mar  1 09:16:30 ip-10-0-0-1 ec2: -----END SSH HOST KEY FINGERPRINTS-----",
                "");
        ConsoleHostKeys keys = ConsoleHostKeys.parse(console);
        assertThat(keys.fingerprints()).hasSize(1);
        assertThat(keys.vouchesFor(current)).isTrue();
        assertThat(keys.vouchesFor(old)).isFalse();
        assertThat(keys.vouchesFor(stranger)).isFalse();
    }

    /**
     * Anyone who can print to the console after boot (a user's program writing to /dev/console)
     * may print lines that look like fingerprints: only those inside the block count.
     */
    @Test
    void fingerprintsAfterTheEndMarkerAreNotTrusted() throws Exception {
        PublicKey current = newHostKey("inside");
        PublicKey stranger = newHostKey("after");
        String console = String.join("\n",
                "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----",
                "ec2: 256 " + fingerprint("inside", "sha256") + " root@ip-10-0-0-1 (ED25519)",
                "ec2: -----END SSH HOST KEY FINGERPRINTS-----",
                "ec2: 256 " + fingerprint("after", "sha256") + " root@ip-10-0-0-1 (ED25519)",
                "");
        ConsoleHostKeys keys = ConsoleHostKeys.parse(console);
        assertThat(keys.vouchesFor(current)).isTrue();
        assertThat(keys.vouchesFor(stranger)).isFalse();
        assertThat(keys.fingerprints()).hasSize(1);
    }

    @Test
    void olderAmisPrintMd5() throws Exception {
        PublicKey key = newHostKey("md5host");
        String md5 = fingerprint("md5host", "md5");
        assertThat(md5).startsWith("MD5:");
        String console = "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n"
                + "ec2: 256 " + md5.substring(4).toUpperCase(Locale.ROOT) + " /etc/ssh/ssh_host_ed25519_key.pub (ED25519)\n"
                + "ec2: -----END SSH HOST KEY FINGERPRINTS-----\n";
        assertThat(ConsoleHostKeys.parse(console).vouchesFor(key)).isTrue();
    }

    @Test
    void noBlockMeansNothingToCompareWith() {
        assertThat(ConsoleHostKeys.parse("Windows is Ready to use\n").isEmpty()).isTrue();
        assertThat(ConsoleHostKeys.parse(null).isEmpty()).isTrue();
    }
}
