package dev.gangway.ssm.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;

/**
 * One message of Session Manager's data channel, one WebSocket binary frame: a 120-byte header
 * (big-endian) and the payload. The layout, the swapped halves of the message id and the digest
 * rules are those of AWS's session-manager-plugin and SSM agent.
 *
 * @param messageType    {@code input_stream_data}, {@code output_stream_data}, {@code acknowledge}, ...
 * @param schemaVersion  always 1
 * @param createdDate    epoch milliseconds
 * @param sequenceNumber this direction's counter for stream data; 0 for control messages
 * @param flags          bit 0 SYN, bit 1 FIN (acks carry 3; nobody reads them)
 * @param messageId      a fresh random UUID per message; a retransmission repeats it
 * @param payloadTypeCode the payload's kind as numbered on the wire ({@link #payloadType()})
 * @param payload        the bytes after the header
 */
public record ClientMessage(String messageType, int schemaVersion, long createdDate, long sequenceNumber, long flags,
                            UUID messageId, int payloadTypeCode, byte[] payload) {

    public static final String INPUT_STREAM_DATA = "input_stream_data";
    public static final String OUTPUT_STREAM_DATA = "output_stream_data";
    public static final String ACKNOWLEDGE = "acknowledge";
    public static final String CHANNEL_CLOSED = "channel_closed";
    public static final String START_PUBLICATION = "start_publication";
    public static final String PAUSE_PUBLICATION = "pause_publication";

    /** Where PayloadLength sits; writers put it in the HeaderLength field. */
    public static final int HEADER_LENGTH = 116;
    /** Header bytes before the payload. */
    public static final int HEADER_SIZE = 120;
    private static final int TYPE_SIZE = 32;

    public ClientMessage {
        payload = payload.clone();
    }

    /** A message of {@code type} whose payload is {@code payloadType}. */
    public static ClientMessage of(String type, long sequenceNumber, long flags, PayloadType payloadType,
            byte[] payload, long createdDate, UUID messageId) {
        return new ClientMessage(type, 1, createdDate, sequenceNumber, flags, messageId, payloadType.code(), payload);
    }

    public PayloadType payloadType() {
        return PayloadType.of(payloadTypeCode);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The frame as it goes on the wire. */
    public byte[] encode() {
        byte[] type = messageType.getBytes(StandardCharsets.US_ASCII);
        if (type.length > TYPE_SIZE) {
            throw new IllegalArgumentException("message type longer than 32 bytes: " + messageType);
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + payload.length);
        b.putInt(HEADER_LENGTH);
        b.put(type);
        for (int i = type.length; i < TYPE_SIZE; i++) {
            b.put((byte) ' ');
        }
        b.putInt(schemaVersion);
        b.putLong(createdDate);
        b.putLong(sequenceNumber);
        b.putLong(flags);
        // The plugin writes the UUID's second half first (its putUuid).
        b.putLong(messageId.getLeastSignificantBits());
        b.putLong(messageId.getMostSignificantBits());
        b.put(sha256(payload));
        b.putInt(payloadTypeCode);
        b.putInt(payload.length);
        b.put(payload);
        return b.array();
    }

    /**
     * The message in {@code frame}, checked as the plugin checks it: a header length and a message
     * type, a creation date, and (for a payload) its SHA-256 digest. The payload is everything after
     * the header length field's offset plus 4, as both parsers read it.
     *
     * @throws BadFrame when the frame is too short or fails a check
     */
    public static ClientMessage decode(byte[] frame) throws BadFrame {
        if (frame.length < HEADER_SIZE) {
            throw new BadFrame("frame of " + frame.length + " bytes is shorter than the 120-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        int headerLength = b.getInt(0);
        String type = new String(frame, 4, TYPE_SIZE, StandardCharsets.US_ASCII).replace("\0", "").strip();
        int schemaVersion = b.getInt(36);
        long createdDate = b.getLong(40);
        long sequenceNumber = b.getLong(48);
        long flags = b.getLong(56);
        long low = b.getLong(64);
        long high = b.getLong(72);
        byte[] digest = Arrays.copyOfRange(frame, 80, 112);
        int payloadType = b.getInt(112);
        if (headerLength <= 0 || headerLength + 4 > frame.length) {
            throw new BadFrame("header length " + headerLength + " does not fit a frame of " + frame.length + " bytes");
        }
        byte[] payload = Arrays.copyOfRange(frame, headerLength + 4, frame.length);
        boolean control = START_PUBLICATION.equals(type) || PAUSE_PUBLICATION.equals(type);
        if (!control) {
            if (type.isEmpty()) {
                throw new BadFrame("no message type");
            }
            if (createdDate == 0) {
                throw new BadFrame("no creation date");
            }
            if (payload.length != 0 && !MessageDigest.isEqual(digest, sha256(payload))) {
                throw new BadFrame("payload digest does not match its " + payload.length + " bytes");
            }
        }
        return new ClientMessage(type, schemaVersion, createdDate, sequenceNumber, flags, new UUID(high, low),
                payloadType, payload);
    }

    /** SHA-256 of {@code bytes}. */
    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientMessage m && messageType.equals(m.messageType) && schemaVersion == m.schemaVersion
                && createdDate == m.createdDate && sequenceNumber == m.sequenceNumber && flags == m.flags
                && messageId.equals(m.messageId) && payloadTypeCode == m.payloadTypeCode
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return messageId.hashCode() * 31 + Long.hashCode(sequenceNumber);
    }

    @Override
    public String toString() {
        // Payloads may be keystrokes (passwords typed at a prompt): only their size is shown.
        return "ClientMessage[" + messageType + " seq " + sequenceNumber + " " + payloadType() + " "
                + payload.length + " bytes, id " + messageId + "]";
    }

    /** A frame that is not a well-formed data-channel message. */
    public static final class BadFrame extends Exception {
        public BadFrame(String message) {
            super(message);
        }
    }
}
