package dev.gangway.instance;

import java.util.Comparator;
import java.util.Locale;

/** EC2 instance lifecycle states, with the numeric codes EC2 reports beside them. */
public enum InstanceState {
    PENDING(0),
    RUNNING(16),
    SHUTTING_DOWN(32),
    TERMINATED(48),
    STOPPING(64),
    STOPPED(80),
    UNKNOWN(-1);

    private final int code;

    InstanceState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The name as EC2 spells it ({@code shutting-down}). */
    public String ec2Name() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * In the order of an instance's life, for sorting: starting, running, stopping, stopped, then
     * leaving for good (unknown last).
     */
    public static final Comparator<InstanceState> LIFECYCLE = Comparator.comparingInt(s -> switch (s) {
        case PENDING -> 0;
        case RUNNING -> 1;
        case STOPPING -> 2;
        case STOPPED -> 3;
        case SHUTTING_DOWN -> 4;
        case TERMINATED -> 5;
        case UNKNOWN -> 6;
    });

    public static InstanceState fromEc2(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        for (InstanceState s : values()) {
            if (s.ec2Name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
