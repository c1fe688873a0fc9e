package dev.gangway.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An API of AWS's JSON 1.1 protocol ({@code X-Amz-Target} names the operation), such as EC2 Instance Connect's. */
public interface JsonApi {

    String TYPE = "application/x-amz-json-1.1";

    /**
     * The answer to {@code operation} (the part of {@code X-Amz-Target} after the dot) with its
     * JSON {@code request} (an empty body is an empty object) in {@code region}.
     */
    Answer answer(String operation, JsonNode request, String region, String requestId);

    /** An error of AWS's JSON protocol: {@code {"__type": ..., "Message": ...}}. */
    static Answer error(String requestId, int status, String type, String message) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("__type", type);
        n.put("Message", message);
        return Answer.of(status, TYPE, requestId, n.toString());
    }
}
