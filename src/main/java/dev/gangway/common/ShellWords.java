package dev.gangway.common;

/** Words for a POSIX shell: the lines Gangway prints or copies for the user to run. */
public final class ShellWords {

    private ShellWords() {
    }

    /** {@code word} as one word a POSIX shell reads back: as is when plain, else in single quotes. */
    public static String quote(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
