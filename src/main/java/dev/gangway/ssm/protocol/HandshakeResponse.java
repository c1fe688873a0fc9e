package dev.gangway.ssm.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The client's answer to the agent's HandshakeRequest: its version and what it did with each
 * requested action. Field order and the {@code null}s are the plugin's, which the agent reads.
 */
@JsonPropertyOrder({"ClientVersion", "ProcessedClientActions", "Errors"})
public record HandshakeResponse(@JsonProperty("ClientVersion") String clientVersion,
                                @JsonProperty("ProcessedClientActions") List<ProcessedAction> processedActions,
                                @JsonProperty("Errors") List<String> errors) {

    /** ActionStatus values. */
    public static final int SUCCESS = 1;
    public static final int FAILED = 2;
    public static final int UNSUPPORTED = 3;

    /** One requested action, processed: its status, its result (any JSON, or null) and an error text. */
    @JsonPropertyOrder({"ActionType", "ActionStatus", "ActionResult", "Error"})
    public record ProcessedAction(@JsonProperty("ActionType") String actionType,
                                  @JsonProperty("ActionStatus") int status,
                                  @JsonProperty("ActionResult") Object result,
                                  @JsonProperty("Error") String error) {
    }

    public byte[] payload() {
        return DataChannelJson.write(this);
    }
}
