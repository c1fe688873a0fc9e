package dev.gangway.cli;

/** The exit codes of every command, as README documents them. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** Some profiles or regions answered and some did not: what was found is printed. */
    public static final int PARTIAL = 3;
    /** As OpenSSH's ssh: the connection or session itself failed (ssh, ssm). */
    public static final int CONNECTION_FAILED = 255;

    private ExitCodes() {
    }
}
