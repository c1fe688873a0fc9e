package dev.gangway.ssm.protocol;

import java.io.IOException;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The payload of an {@code acknowledge} message: which message it acknowledges. Receivers match
 * only the sequence number; the JSON keeps the plugin's field order, without spaces.
 */
@JsonPropertyOrder({"AcknowledgedMessageType", "AcknowledgedMessageId", "AcknowledgedMessageSequenceNumber",
        "IsSequentialMessage"})
public record Acknowledgement(@JsonProperty("AcknowledgedMessageType") String messageType,
                              @JsonProperty("AcknowledgedMessageId") String messageId,
                              @JsonProperty("AcknowledgedMessageSequenceNumber") long sequenceNumber,
                              @JsonProperty("IsSequentialMessage") boolean sequential) {

    /** The acknowledgement of {@code message}. */
    public static Acknowledgement of(ClientMessage message) {
        return new Acknowledgement(message.messageType(), message.messageId().toString(), message.sequenceNumber(),
                true);
    }

    /** The {@code acknowledge} message carrying it: sequence 0, flags 3, no payload type, a fresh id. */
    public ClientMessage message(long createdDate, UUID messageId) {
        return ClientMessage.of(ClientMessage.ACKNOWLEDGE, 0, 3, PayloadType.NONE, DataChannelJson.write(this),
                createdDate, messageId);
    }

    public static Acknowledgement read(byte[] payload) throws IOException {
        return DataChannelJson.read(payload, Acknowledgement.class);
    }
}
