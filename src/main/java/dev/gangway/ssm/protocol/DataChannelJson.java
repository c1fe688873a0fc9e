package dev.gangway.ssm.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The data channel's JSON payloads, written compactly as the plugin's Go code writes them. */
final class DataChannelJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DataChannelJson() {
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a data-channel record that cannot be written as JSON", e);
        }
    }

    static <T> T read(byte[] payload, Class<T> type) throws IOException {
        return JSON.readValue(payload, type);
    }
}
