package dev.gangway.ssm.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The small binary and text payloads of shell and port sessions. */
public final class ShellPayloads {

    /** Flag values of a Flag payload. */
    public static final int DISCONNECT_TO_PORT = 1;
    public static final int TERMINATE_SESSION = 2;
    public static final int CONNECT_TO_PORT_ERROR = 3;

    private static final Pattern EXIT_CODE = Pattern.compile("EXIT_CODE: (-?\\d+)");

    private ShellPayloads() {
    }

    /** A Flag payload: the value as a 4-byte big-endian number. */
    public static byte[] flag(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    /** The exit status in an ExitCode payload ({@code EXIT_CODE: n}), if it holds one. */
    public static OptionalInt exitCode(byte[] payload) {
        Matcher m = EXIT_CODE.matcher(new String(payload, StandardCharsets.US_ASCII).strip());
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
