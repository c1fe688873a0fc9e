package dev.gangway.common;

/** Where the window puts a secret the user pastes themselves; it is cleared again after a while. */
public interface SecretClipboard {

    /** Copies {@code secret} (the caller zeroes its array); cleared soon unless something else was copied. */
    void copySecret(char[] secret);
}
