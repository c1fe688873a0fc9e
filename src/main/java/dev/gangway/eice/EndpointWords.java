package dev.gangway.eice;

import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gangway.aws.CloudException;

/**
 * What an Instance Connect Endpoint's refusals and limits come to in words: the answer to an upgrade
 * it refused (never the URL: it carries a signature), its JSON message, and its connection limit.
 */
final class EndpointWords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EndpointWords() {
    }

    /** The endpoint's answer to an upgrade it refused, or why it could not be reached. */
    static CloudException refusal(Throwable cause, ConnectEndpoints.Endpoint endpoint, int remotePort) {
        String id = "The Instance Connect Endpoint " + endpoint.id();
        if (cause instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            Object body = h.getResponse().body();
            String said = body instanceof String s && !s.isBlank() ? " (" + messageOf(s.strip()) + ")" : "";
            return new CloudException(switch (status) {
                case 403 -> id + " refused the tunnel" + said + ": check that your IAM identity may use "
                        + "ec2-instance-connect:OpenTunnel on it for port " + remotePort + ", and that this "
                        + "computer's clock is right.";
                case 400 -> id + " refused the tunnel to port " + remotePort + said + ".";
                default -> id + " answered HTTP " + status + said + ".";
            });
        }
        return new CloudException(id + " could not be reached (" + endpoint.dnsName() + "): "
                + (cause == null ? "no answer" : cause.getMessage()) + ".");
    }

    /** The endpoint's words: a JSON body's {@code message} (or {@code Message}), else the body as it came. */
    static String messageOf(String body) {
        if (body.startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(body);
                String m = json.path("message").asText(json.path("Message").asText(""));
                if (!m.isBlank()) {
                    return m;
                }
            } catch (IOException e) {
                // not JSON after all: as it came
            }
        }
        return body;
    }

    /**
     * Whether a connection opened at {@code opened} and closed normally at {@code closed} reached the
     * endpoint's limit: within a tenth of it (at most 10 s), as clocks and the opening's own time differ.
     */
    static boolean reachedLimit(Instant opened, Instant closed, Duration max) {
        Duration tenth = max.dividedBy(10);
        Duration slack = tenth.compareTo(Duration.ofSeconds(10)) < 0 ? tenth : Duration.ofSeconds(10);
        return Duration.between(opened, closed).compareTo(max.minus(slack)) >= 0;
    }

    /** What the user is told when the endpoint ended a connection at its limit. */
    static String limitReached(Duration max) {
        return "The Instance Connect Endpoint ends each connection after " + words(max)
                + " (its limit): reconnect to go on.";
    }

    /** "one hour", "20 min", "3 s". */
    static String words(Duration d) {
        if (d.equals(Duration.ofHours(1))) {
            return "one hour";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
