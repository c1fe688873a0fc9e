package dev.gangway.ssh;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * The host-key fingerprints cloud-init prints to an instance's console at first boot, between
 * {@code -----BEGIN SSH HOST KEY FINGERPRINTS-----} and {@code -----END ...-----}. Lines may carry
 * an {@code ec2:} or syslog prefix; older AMIs print MD5 fingerprints instead of SHA-256. When the
 * console shows several boots, the last block counts.
 */
public record ConsoleHostKeys(List<String> fingerprints) {

    private static final String BEGIN = "-----BEGIN SSH HOST KEY FINGERPRINTS-----";
    private static final String END = "-----END SSH HOST KEY FINGERPRINTS-----";
    private static final Pattern SHA256 = Pattern.compile("SHA256:([A-Za-z0-9+/]{43})=?");
    private static final Pattern MD5 = Pattern.compile("(?:MD5:)?((?:[0-9a-fA-F]{2}:){15}[0-9a-fA-F]{2})");

    public ConsoleHostKeys {
        fingerprints = List.copyOf(fingerprints);
    }

    public static ConsoleHostKeys parse(String consoleOutput) {
        List<String> found = new ArrayList<>();
        if (consoleOutput == null) {
            return new ConsoleHostKeys(found);
        }
        boolean inside = false;
        for (String line : consoleOutput.split("\r?\n")) {
            if (line.contains(BEGIN)) {
                inside = true;
                found.clear();
            } else if (line.contains(END)) {
                inside = false;
            } else if (inside) {
                Matcher sha = SHA256.matcher(line);
                if (sha.find()) {
                    found.add("SHA256:" + sha.group(1));
                    continue;
                }
                Matcher md5 = MD5.matcher(line);
                if (md5.find()) {
                    found.add("MD5:" + md5.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return new ConsoleHostKeys(found);
    }

    /** Whether the console listed any host key at all. */
    public boolean isEmpty() {
        return fingerprints.isEmpty();
    }

    /** Whether {@code key} is one of the keys the console listed. */
    public boolean vouchesFor(PublicKey key) {
        String sha = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        String md5 = KeyUtils.getFingerPrint(BuiltinDigests.md5, key).toLowerCase(Locale.ROOT).replace("md5:", "MD5:");
        return fingerprints.contains(sha) || fingerprints.contains(md5);
    }
}
