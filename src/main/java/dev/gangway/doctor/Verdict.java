package dev.gangway.doctor;

import java.util.Collection;

/** What a check, or a way in, comes to. */
public enum Verdict {
    WORKS("works"),
    FAILS("does not work"),
    UNKNOWN("unknown");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** Several checks together: any failure fails; else anything unknown is unknown; else it works. */
    public static Verdict all(Collection<Verdict> verdicts) {
        if (verdicts.contains(FAILS)) {
            return FAILS;
        }
        return verdicts.contains(UNKNOWN) ? UNKNOWN : WORKS;
    }
}
