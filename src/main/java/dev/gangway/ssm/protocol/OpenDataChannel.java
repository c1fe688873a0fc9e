package dev.gangway.ssm.protocol;

import java.util.UUID;

/**
 * OpenDataChannelInput, a data channel's first (text) frame: the session's token, the client's id
 * and version. Built as characters that can be zeroed, so that the token never becomes a String.
 */
public final class OpenDataChannel {

    private OpenDataChannel() {
    }

    /**
     * The frame's JSON for {@code token}; the caller zeroes it once sent.
     *
     * @throws IllegalArgumentException for a token that would need JSON escapes (tokens are base64 text)
     */
    public static char[] frame(char[] token, String clientId, String clientVersion) {
        for (char c : token) {
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                throw new IllegalArgumentException("a session token with characters JSON would escape");
            }
        }
        String before = "{\"MessageSchemaVersion\":\"1.0\",\"RequestId\":\"" + UUID.randomUUID() + "\",\"TokenValue\":\"";
        String after = "\",\"ClientId\":\"" + clientId + "\",\"ClientVersion\":\"" + clientVersion + "\"}";
        char[] open = new char[before.length() + token.length + after.length()];
        before.getChars(0, before.length(), open, 0);
        System.arraycopy(token, 0, open, before.length(), token.length);
        after.getChars(0, after.length(), open, before.length() + token.length);
        return open;
    }
}
