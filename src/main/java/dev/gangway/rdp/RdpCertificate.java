package dev.gangway.rdp;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thumbprint (SHA-1 of the DER certificate) of the self-signed Remote Desktop certificate a
 * Windows instance prints to its console output at boot, as EC2Config and EC2Launch do:
 * {@code RDPCERTIFICATE-THUMBPRINT: 2B4714FE...}. Like the SSH host-key fingerprints Linux prints,
 * it lets a client check the certificate instead of trusting whatever it is shown first.
 */
public final class RdpCertificate {

    private static final Pattern THUMBPRINT = Pattern.compile("RDPCERTIFICATE-THUMBPRINT:\\s*([0-9A-Fa-f]{40})(?![0-9A-Fa-f])");

    private RdpCertificate() {
    }

    /** The thumbprint printed last (the latest boot's), in upper-case hex; empty when none was printed. */
    public static Optional<String> thumbprint(String consoleOutput) {
        if (consoleOutput == null) {
            return Optional.empty();
        }
        Matcher m = THUMBPRINT.matcher(consoleOutput);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last).map(t -> t.toUpperCase(Locale.ROOT));
    }

    /** FreeRDP's spelling of a SHA-1 fingerprint: lower-case hex pairs joined by colons. */
    static String colonSeparated(String thumbprint) {
        byte[] bytes = HexFormat.of().parseHex(thumbprint);
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
