package dev.gangway.sandbox.instanceconnect;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.http.Answer;
import dev.gangway.sandbox.http.JsonApi;
import dev.gangway.sandbox.world.Machine;
import dev.gangway.sandbox.world.Permissions;
import dev.gangway.sandbox.world.SandboxWorld;

/** The sandbox's EC2 Instance Connect API: AWS's JSON 1.1 protocol, reached through {@code SandboxApi}. */
public final class InstanceConnectApi implements JsonApi {


    private final SandboxWorld world;
    private final Clock clock;

    public InstanceConnectApi(SandboxWorld world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    /** Reads and writes the JSON of EC2 Instance Connect's API (thread-safe once configured). */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long a key pushed with EC2 Instance Connect is accepted, as AWS documents. */
    static final Duration PUSHED_KEY_LIFETIME = Duration.ofSeconds(60);

    /**
     * EC2 Instance Connect's SendSSHPublicKey (JSON 1.1 protocol, target
     * AWSEC2InstanceConnectService.SendSSHPublicKey): the instance's SSH server then accepts the key
     * for the given OS user for 60 seconds.
     */
    @Override
    public Answer answer(String operation, JsonNode req, String region, String requestId) {
        if (!"SendSSHPublicKey".equals(operation)) {
            return JsonApi.error(requestId, 400, "UnknownOperationException", "Unknown operation " + operation);
        }
        world.countCall("SendSSHPublicKey");
        String instanceId = req.path("InstanceId").asText("");
        String osUser = req.path("InstanceOSUser").asText("");
        String publicKey = req.path("SSHPublicKey").asText("");
        String zone = req.path("AvailabilityZone").asText(null);
        String arn = "arn:aws:ec2:" + region + ":" + Permissions.ACCOUNT + ":instance/" + instanceId;
        if (!world.permissions().allows("ec2-instance-connect:SendSSHPublicKey", arn)) {
            return JsonApi.error(requestId, 403, "AccessDeniedException",
                    Permissions.refusal("ec2-instance-connect:SendSSHPublicKey", arn));
        }
        Machine m = world.machine(instanceId).filter(x -> x.region().equals(region)).orElse(null);
        if (m == null) {
            return JsonApi.error(requestId, 400, "EC2InstanceNotFoundException", "Instance not found: " + instanceId);
        }
        if (zone != null && !zone.equals(m.availabilityZone)) {
            return JsonApi.error(requestId, 400, "InvalidArgsException", "The instance is not in availability zone " + zone);
        }
        if (m.state() != InstanceState.RUNNING) {
            return JsonApi.error(requestId, 400, "EC2InstanceStateInvalidException", "Instance " + instanceId + " is not running.");
        }
        if (osUser.isEmpty() || !osUser.matches("[a-z_][a-z0-9_-]{0,31}")) {
            return JsonApi.error(requestId, 400, "InvalidArgsException", "InstanceOSUser is not a valid user name.");
        }
        PublicKey key;
        try {
            key = PublicKeyEntry.parsePublicKeyEntry(publicKey)
                    .resolvePublicKey(null, null, null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return JsonApi.error(requestId, 400, "InvalidArgsException", "SSHPublicKey is not an OpenSSH public key.");
        }
        m.pushKey(osUser, key, clock.instant().plus(PUSHED_KEY_LIFETIME));
        return Answer.of(200, TYPE, requestId, "{\"RequestId\":\"" + requestId + "\",\"Success\":true}");
    }
}
