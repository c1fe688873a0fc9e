package dev.gangway.ssm.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A Size payload: the terminal's columns and rows, sent whenever the terminal is resized. */
@JsonPropertyOrder({"cols", "rows"})
public record TerminalSize(@JsonProperty("cols") int columns, @JsonProperty("rows") int rows) {

    public byte[] payload() {
        return DataChannelJson.write(this);
    }
}
