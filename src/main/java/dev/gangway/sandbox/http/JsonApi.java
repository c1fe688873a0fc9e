package dev.gangway.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An API of AWS's JSON 1.1 protocol ({@code X-Amz-Target} names the operation), such as EC2 Instance Connect's. */
public interface JsonApi {

    String TYPE = "application/x-amz-json-1.1";

    /** The answer to operation {@code target} with JSON {@code body} in {@code region}. */
    Answer answer(String target, byte[] body, String region, String requestId);

    /** An error of AWS's JSON protocol: {@code {"__type": ..., "Message": ...}}. */
    static Answer error(String requestId, int status, String type, String message) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("__type", type);
        n.put("Message", message);
        return Answer.of(status, TYPE, requestId, n.toString());
    }
}
