package dev.gangway.sandbox.http;

import java.nio.charset.StandardCharsets;

/** What the sandbox's API answers a request with: status, content type, request id and body. */
public record Answer(int status, String contentType, String requestId, byte[] body) {

    public static Answer of(int status, String contentType, String requestId, String body) {
        return new Answer(status, contentType, requestId, body.getBytes(StandardCharsets.UTF_8));
    }
}
