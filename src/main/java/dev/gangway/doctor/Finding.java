package dev.gangway.doctor;

/**
 * One check's answer: for which way, what was checked, the verdict, the exact reason, and what to
 * do about it (empty when it works).
 *
 * @param check  a stable name ("security-group", "endpoint"), for scripts
 * @param policy the least-privilege IAM policy that would grant a missing permission, ready to copy; empty if none
 */
public record Finding(Way way, String check, String title, Verdict verdict, String reason, String fix, String policy) {

    public Finding {
        fix = fix == null ? "" : fix;
        policy = policy == null ? "" : policy;
    }

    static Finding works(Way way, String check, String title, String reason) {
        return new Finding(way, check, title, Verdict.WORKS, reason, "", "");
    }

    static Finding fails(Way way, String check, String title, String reason, String fix) {
        return new Finding(way, check, title, Verdict.FAILS, reason, fix, "");
    }

    static Finding unknown(Way way, String check, String title, String reason, String fix) {
        return new Finding(way, check, title, Verdict.UNKNOWN, reason, fix, "");
    }

    Finding withPolicy(String value) {
        return new Finding(way, check, title, verdict, reason, fix, value);
    }
}
