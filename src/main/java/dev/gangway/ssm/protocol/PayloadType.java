package dev.gangway.ssm.protocol;

/**
 * What a data-channel message's payload is (the header's PayloadType), as the Session Manager
 * plugin and agent number them. Unknown numbers are kept as they came ({@link #of}).
 */
public enum PayloadType {
    /** Acknowledgements and other control messages. */
    NONE(0),
    /** Raw bytes: keystrokes, terminal output, forwarded bytes. */
    OUTPUT(1),
    ERROR(2),
    /** JSON {@code {"cols":N,"rows":M}}. */
    SIZE(3),
    PARAMETER(4),
    HANDSHAKE_REQUEST(5),
    HANDSHAKE_RESPONSE(6),
    HANDSHAKE_COMPLETE(7),
    ENC_CHALLENGE_REQUEST(8),
    ENC_CHALLENGE_RESPONSE(9),
    /** A 4-byte big-endian flag: 1 DisconnectToPort, 2 TerminateSession, 3 ConnectToPortError. */
    FLAG(10),
    STDERR(11),
    /** ASCII {@code EXIT_CODE: n}. */
    EXIT_CODE(12),
    /** A number this client does not know. */
    UNKNOWN(-1);

    private final int code;

    PayloadType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type numbered {@code code}, or {@link #UNKNOWN}. */
    public static PayloadType of(int code) {
        for (PayloadType t : values()) {
            if (t.code == code && t != UNKNOWN) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
