package dev.gangway.sandbox.ssm;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gangway.sandbox.http.Answer;
import dev.gangway.sandbox.http.JsonApi;
import dev.gangway.sandbox.world.Permissions;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.ManagedNode;
import dev.gangway.sandbox.world.SandboxWorld.SsmSession;
import dev.gangway.ssm.protocol.SessionDocuments;

/**
 * The sandbox's Systems Manager API for Session Manager (AWS JSON 1.1, {@code X-Amz-Target:
 * AmazonSSM.<Operation>}): DescribeInstanceInformation, StartSession, ResumeSession,
 * TerminateSession and DescribeSessions, answered as SSM answers them. A session's token is
 * random, handed out only in answer to a signed request, and opens its data channel once.
 */
public final class SsmApi implements JsonApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> INSTANCE_ID_KEYS = Set.of("InstanceIds", "InstanceId");

    private final SandboxWorld world;
    private final Clock clock;
    private final Supplier<URI> endpoint;

    /** @param endpoint the sandbox's HTTP endpoint; data channels open on its port */
    public SsmApi(SandboxWorld world, Clock clock, Supplier<URI> endpoint) {
        this.world = world;
        this.clock = clock;
        this.endpoint = endpoint;
    }

    @Override
    public Answer answer(String operation, JsonNode req, String region, String requestId) {
        world.countCall(operation);
        return switch (operation) {
            case "DescribeInstanceInformation" -> describeInstanceInformation(req, region, requestId);
            case "StartSession" -> startSession(req, region, requestId);
            case "ResumeSession" -> resumeSession(req, requestId);
            case "TerminateSession" -> terminateSession(req, requestId);
            case "DescribeSessions" -> describeSessions(region, requestId);
            default -> JsonApi.error(requestId, 400, "UnknownOperationException", "Unknown operation " + operation);
        };
    }

    private Answer describeInstanceInformation(JsonNode req, String region, String requestId) {
        List<String> wanted = instanceIdFilter(req);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("InstanceInformationList");
        double now = clock.millis() / 1000.0;
        for (ManagedNode n : world.managedNodes(region)) {
            if (!wanted.isEmpty() && !wanted.contains(n.id())) {
                continue;
            }
            ObjectNode i = list.addObject();
            i.put("InstanceId", n.id());
            i.put("PingStatus", n.online() ? "Online" : "ConnectionLost");
            i.put("LastPingDateTime", n.online() ? now : now - 86_400);
            i.put("AgentVersion", n.agentVersion());
            i.put("IsLatestVersion", true);
            i.put("PlatformType", n.platformType());
            i.put("PlatformName", n.platformName());
            i.put("ResourceType", n.ec2() ? "EC2Instance" : "ManagedInstance");
            i.put("IPAddress", n.ipAddress());
            i.put("ComputerName", n.name());
            if (!n.ec2()) {
                i.put("Name", n.name());
            }
        }
        return ok(requestId, out);
    }

    /** The instance ids of a {@code Filters} or {@code InstanceInformationFilterList} filter, if any. */
    private static List<String> instanceIdFilter(JsonNode req) {
        for (JsonNode f : req.path("Filters")) {
            if (INSTANCE_ID_KEYS.contains(f.path("Key").asText())) {
                return values(f.path("Values"));
            }
        }
        for (JsonNode f : req.path("InstanceInformationFilterList")) {
            if ("InstanceIds".equals(f.path("key").asText())) {
                return values(f.path("valueSet"));
            }
        }
        return List.of();
    }

    private static List<String> values(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private Answer startSession(JsonNode req, String region, String requestId) {
        String target = req.path("Target").asText("");
        Optional<ManagedNode> node = world.managedNode(target).filter(n -> n.region().equals(region));
        if (node.isEmpty()) {
            return JsonApi.error(requestId, 400, "InvalidTarget", target.isEmpty() ? "Target is required."
                    : target + " is not a managed node in " + region + ".");
        }
        if (!node.get().online()) {
            return JsonApi.error(requestId, 400, "TargetNotConnected", target + " is not connected.");
        }
        String document = req.path("DocumentName").asText(SessionDocuments.SHELL);
        // As AWS: the target is always authorised; the document only when the request names one (the default
        // shell's is checked only under ssm:SessionDocumentAccessCheck, which the sandbox's identity does not set).
        List<String> resources = req.has("DocumentName") ? List.of(SessionDocuments.targetArn(region,
                Permissions.ACCOUNT, target), SessionDocuments.arn(region, Permissions.ACCOUNT, document))
                : List.of(SessionDocuments.targetArn(region, Permissions.ACCOUNT, target));
        for (String arn : resources) {
            if (!world.permissions().allows("ssm:StartSession", arn)) {
                return JsonApi.error(requestId, 400, "AccessDeniedException", Permissions.refusal("ssm:StartSession",
                        arn));
            }
        }
        String command = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        if (SessionDocuments.NON_INTERACTIVE_COMMAND.equals(document)) {
            command = String.join(" ", values(req.path("Parameters").path("command")));
            if (command.isBlank()) {
                return JsonApi.error(requestId, 400, "InvalidParameters", "The command parameter is required.");
            }
        } else if (SessionDocuments.forwardsPorts(document)) {
            // Each parameter is a list of one value, as StartSession takes them.
            for (String name : List.of("portNumber", "localPortNumber", "host")) {
                List<String> v = values(req.path("Parameters").path(name));
                if (!v.isEmpty()) {
                    parameters.put(name, v.get(0));
                }
            }
            boolean remote = SessionDocuments.PORT_FORWARDING_TO_REMOTE_HOST.equals(document);
            if (!parameters.getOrDefault("portNumber", "").matches("\\d{1,5}") || remote && !parameters.containsKey("host")) {
                return JsonApi.error(requestId, 400, "InvalidParameters", remote
                        ? "The host and portNumber parameters are required." : "The portNumber parameter is required.");
            }
        } else if (SessionDocuments.SSH.equals(document)) {
            List<String> v = values(req.path("Parameters").path("portNumber"));
            parameters.put("portNumber", v.isEmpty() ? "22" : v.get(0));
            if (!parameters.get("portNumber").matches("\\d{1,5}")) {
                return JsonApi.error(requestId, 400, "InvalidParameters", "The portNumber parameter must be a port.");
            }
        } else if (!SessionDocuments.SHELL.equals(document)) {
            return JsonApi.error(requestId, 400, "InvalidDocument", "Document " + document + " does not exist.");
        }
        SsmSession session = new SsmSession("sandbox-" + HexFormat.of().formatHex(random(9)), target, region,
                token(), clock.instant(), command, document, parameters);
        world.startSsmSession(session);
        return ok(requestId, sessionAnswer(session));
    }

    private Answer resumeSession(JsonNode req, String requestId) {
        String id = req.path("SessionId").asText("");
        Optional<SsmSession> old = world.ssmSession(id);
        if (old.isEmpty()) {
            return JsonApi.error(requestId, 400, "DoesNotExistException", "Session " + id + " does not exist.");
        }
        SsmSession resumed = new SsmSession(id, old.get().target(), old.get().region(), token(), old.get().started(),
                old.get().command(), old.get().document(), old.get().parameters());
        world.startSsmSession(resumed);
        return ok(requestId, sessionAnswer(resumed));
    }

    private Answer terminateSession(JsonNode req, String requestId) {
        String id = req.path("SessionId").asText("");
        world.terminateSsmSession(id);
        ObjectNode out = JSON.createObjectNode();
        out.put("SessionId", id);
        return ok(requestId, out);
    }

    private Answer describeSessions(String region, String requestId) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode sessions = out.putArray("Sessions");
        for (SsmSession s : world.ssmSessions(region)) {
            ObjectNode o = sessions.addObject();
            o.put("SessionId", s.sessionId());
            o.put("Target", s.target());
            o.put("Status", "Connected");
            o.put("StartDate", s.started().toEpochMilli() / 1000.0);
            o.put("Owner", Permissions.CALLER);
        }
        return ok(requestId, out);
    }

    private ObjectNode sessionAnswer(SsmSession s) {
        URI base = endpoint.get();
        ObjectNode out = JSON.createObjectNode();
        out.put("SessionId", s.sessionId());
        out.put("TokenValue", s.tokenValue());
        out.put("StreamUrl", "ws://" + base.getHost() + ":" + base.getPort() + "/v1/data-channel/" + s.sessionId()
                + "?role=publish_subscribe");
        return out;
    }

    private static String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random(48));
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }

    private static Answer ok(String requestId, ObjectNode body) {
        return Answer.of(200, TYPE, requestId, body.toString());
    }
}
