package dev.gangway.sandbox.world;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable, realistic-looking EC2 ids derived from a name, so the seeded world is the same every run. */
public final class Ids {

    private Ids() {
    }

    public static String of(String prefix, String seed, int hexDigits) {
        return prefix + hex(seed).substring(0, hexDigits);
    }

    static String instance(String seed) {
        return of("i-", seed, 17);
    }

    public static String hex(String seed) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
