package dev.gangway.sandbox.ssm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.SsmSession;
import dev.gangway.ssm.protocol.ClientMessage;
import dev.gangway.ssm.protocol.PayloadType;
import dev.gangway.ssm.protocol.Reliability;
import dev.gangway.ssm.protocol.SessionCipher;
import dev.gangway.ssm.protocol.SessionDocuments;
import dev.gangway.ssm.protocol.ShellPayloads;
import dev.gangway.ssm.protocol.SmuxFrame;

/**
 * One Session Manager session as the SSM agent plays it, for as long as the session lasts: a data
 * channel ({@link Link}) may drop and another, opened with the token of ResumeSession, take its
 * place; sequence numbers, unacknowledged output and the shell carry over, as they do between the
 * agent and the service. The agent asks for the session type (and KMS encryption when the
 * account's preferences name a key) when a handshake is due, starts a real shell on a
 * pseudo-terminal or runs the command, resends its output head-of-line until acknowledged, resizes
 * on Size, and ends with {@code channel_closed}.
 */
final class AgentSession {

    /** Where the session's frames go now: the current data channel. */
    interface Link {
        void send(byte[] frame);

        /** Sends {@code last} (when not null: {@code channel_closed}, never disturbed) and closes the channel. */
        void close(byte[] last);
    }

    private static final Logger LOG = Logger.getLogger(AgentSession.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PROMPT = "sh-5.2$ ";
    static final String ENCRYPTED_MESSAGE = "This session is encrypted using AWS KMS.";
    /** How long a session whose channel dropped waits for ResumeSession's channel. */
    static final long DETACHED_MILLIS = 120_000;
    static final String IDLE_TIMEOUT = "Your session timed out due to inactivity and has been terminated.";

    private final SandboxWorld world;
    private final Clock clock;
    private final Path home;
    private final Path nativeFolder;
    private final SsmSession ssm;
    private final Runnable onEnd;
    private final String kmsKeyId;
    /** The versions each side reported (the client's in its OpenDataChannel), which decide how ports are forwarded. */
    private final String agentVersion;
    private final String clientVersion;
    /** Whether the session forwards a port (smux, or the basic mode) rather than running a shell. */
    private final boolean port;
    private volatile PortBridge bridge;
    private final Reliability reliability = new Reliability(ClientMessage.OUTPUT_STREAM_DATA, UUID::randomUUID);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-ssm-agent");
        t.setDaemon(true);
        return t;
    });
    private volatile Link link;
    private volatile long detachedAt;
    /** When stream data last went either way (the service's idle clock). */
    private volatile long lastData;
    /** The shell or command the session runs (none for a port session). */
    private final AgentProcesses processes;
    private SessionCipher cipher;
    private byte[] challenge;
    private boolean started;
    /** Set once the end has begun: nothing but channel_closed is sent after it. */
    private boolean closing;

    AgentSession(SandboxWorld world, Clock clock, Path home, Path nativeFolder, SsmSession ssm, String clientVersion,
            Runnable onEnd) {
        this.world = world;
        this.clientVersion = clientVersion;
        this.agentVersion = world.managedNode(ssm.target()).map(SandboxWorld.ManagedNode::agentVersion)
                .orElse(SandboxWorld.ManagedNode.CURRENT_AGENT);
        this.clock = clock;
        this.home = home;
        this.nativeFolder = nativeFolder;
        this.ssm = ssm;
        this.onEnd = onEnd;
        this.processes = new AgentProcesses(home, nativeFolder, new AgentProcesses.Sink() {
            @Override
            public void send(PayloadType type, byte[] payload) {
                AgentSession.this.send(type, payload);
            }

            @Override
            public void finished() {
                drainAndEnd();
            }
        });
        this.port = SessionDocuments.isPortSession(ssm.document());
        // The agent never encrypts port sessions.
        this.kmsKeyId = port ? null : world.sessionEncryptionKey().orElse(null);
    }

    String sessionId() {
        return ssm.sessionId();
    }

    /**
     * The session's first channel: a shell without encryption starts at once, as the agent starts
     * Standard_Stream with no handshake; otherwise the handshake comes first.
     */
    void start(Link first) {
        link = first;
        lastData = clock.millis();
        timer.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
        if (ssm.command() == null && kmsKeyId == null && !port) {
            try {
                begin();
            } catch (IOException e) {
                LOG.log(Level.FINE, "sandbox agent could not start a shell", e);
                end("The shell could not be started.");
            }
            return;
        }
        if (kmsKeyId != null) {
            challenge = new byte[16];
            RANDOM.nextBytes(challenge);
        }
        send(PayloadType.HANDSHAKE_REQUEST, AgentHandshake.request(ssm, agentVersion, port, kmsKeyId, challenge));
    }

    /** A channel opened with ResumeSession's token takes the dropped one's place; what was unacknowledged is resent. */
    void resume(Link next) {
        Link old;
        synchronized (this) {
            old = link;
            link = next;
            detachedAt = 0;
        }
        if (old != null && old != next) {
            old.close(null);
        }
        // What was in flight on the old channel went with it.
        List<byte[]> again;
        synchronized (this) {
            again = reliability.resendAll(clock.millis());
        }
        again.forEach(this::write);
    }

    /** The channel dropped or the client closed it: the session waits for ResumeSession's channel. */
    void detach(Link dropped) {
        synchronized (this) {
            if (link == dropped) {
                link = null;
                detachedAt = clock.millis();
            }
        }
    }

    boolean attachedTo(Link l) {
        return link == l;
    }

    /** A frame from the client. */
    void receive(byte[] frame) {
        ClientMessage m;
        try {
            m = ClientMessage.decode(frame);
        } catch (ClientMessage.BadFrame e) {
            return;
        }
        if (ClientMessage.INPUT_STREAM_DATA.equals(m.messageType())) {
            lastData = clock.millis();
        }
        Reliability.Received received;
        synchronized (this) {
            received = reliability.receive(m, clock.millis());
            notifyAll(); // acknowledgements may have made room for output
        }
        received.acknowledgements().forEach(a -> write(a.encode()));
        received.delivered().forEach(this::handle);
    }

    private void handle(ClientMessage m) {
        try {
            switch (m.payloadType()) {
                case HANDSHAKE_RESPONSE -> handshakeResponse(m.payload());
                case ENC_CHALLENGE_RESPONSE -> challengeResponse(m.payload());
                case OUTPUT -> {
                    PortBridge forward = bridge;
                    if (forward != null) {
                        try {
                            forward.feed(m.payload());
                        } catch (SmuxFrame.ProtocolError e) {
                            end("The port session's multiplexing broke: " + e.getMessage());
                        }
                        return;
                    }
                    SessionCipher c;
                    synchronized (this) {
                        c = cipher;
                    }
                    processes.type(c == null ? m.payload() : c.decrypt(m.payload()));
                }
                case SIZE -> {
                    JsonNode size = JSON.readTree(m.payload());
                    processes.resize(size.path("cols").asInt(80), size.path("rows").asInt(24));
                }
                case FLAG -> {
                    // TerminateSession (2) ends it; DisconnectToPort (1) closes basic mode's one connection.
                    PortBridge forward = bridge;
                    if (ByteBuffer.wrap(m.payload()).getInt() == ShellPayloads.TERMINATE_SESSION || forward == null) {
                        end("");
                    } else {
                        forward.disconnect();
                    }
                }
                default -> {
                    // Nothing else is meant for a shell session's agent.
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.log(Level.FINE, "sandbox agent could not handle a message", e);
        }
    }

    /**
     * The client's answer: every action must have succeeded; for KMS, the data key it made is
     * decrypted with the session's context (and the challenge, when the client acknowledged it).
     */
    private void handshakeResponse(byte[] payload) throws IOException {
        synchronized (this) {
            if (started || cipher != null) {
                return;
            }
        }
        byte[] dataKey;
        try {
            dataKey = AgentHandshake.accept(JSON.readTree(payload), world, ssm, kmsKeyId, challenge);
        } catch (AgentHandshake.Failed e) {
            end(e.getMessage());
            return;
        }
        if (dataKey == null) {
            begin();
            return;
        }
        byte[] proof = new byte[64];
        RANDOM.nextBytes(proof);
        byte[] request;
        synchronized (this) {
            cipher = SessionCipher.agent(dataKey);
            Arrays.fill(dataKey, (byte) 0);
            challenge = proof;
            try {
                request = AgentHandshake.challenge(cipher, proof);
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        }
        send(PayloadType.ENC_CHALLENGE_REQUEST, request);
    }

    /** The client proves it holds the data key: the challenge, decrypted and encrypted again with its half. */
    private void challengeResponse(byte[] payload) throws IOException, GeneralSecurityException {
        byte[] expected;
        SessionCipher c;
        synchronized (this) {
            expected = challenge;
            c = cipher;
        }
        if (c == null || expected == null) {
            return;
        }
        if (!AgentHandshake.proves(c, payload, expected)) {
            end("The encryption challenge failed.");
            return;
        }
        begin();
    }

    /** The session starts: the handshake's end (when there was one), then the shell or the command. */
    private void begin() throws IOException {
        synchronized (this) {
            if (started || closing) {
                return;
            }
            started = true;
        }
        if (ssm.command() != null || kmsKeyId != null || port) {
            ObjectNode complete = JSON.createObjectNode();
            complete.put("HandshakeTimeToComplete", 1_000_000L);
            complete.put("CustomerMessage", kmsKeyId != null ? ENCRYPTED_MESSAGE : "");
            send(PayloadType.HANDSHAKE_COMPLETE, complete.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (port) {
            startPort();
        } else if (ssm.command() == null) {
            processes.startShell();
        } else {
            processes.runCommand(ssm.command());
        }
    }

    /** The port session's bridge (see {@link PortBridge#open}), over this session's stream messages. */
    private void startPort() {
        bridge = PortBridge.open(ssm, world, agentVersion, clientVersion, PortBridge.Channel.over(this::send, this::end));
    }

    private void drainAndEnd() {
        // As the agent does, wait a little for the output to be acknowledged before closing.
        long until = clock.millis() + 2000;
        while (clock.millis() < until) {
            synchronized (this) {
                if (reliability.unacknowledged() == 0) {
                    break;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        end("");
    }

    /** A stream message; Output, StdErr and ExitCode encrypted when the session is. */
    private void send(PayloadType type, byte[] payload) {
        byte[] frame;
        synchronized (this) {
            // A flood waits for acknowledgements when the outgoing buffer is full, as the agent does.
            while (!reliability.canSend() && !closing) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (closing) {
                return;
            }
            byte[] wire = payload;
            if (cipher != null && (type == PayloadType.OUTPUT || type == PayloadType.STDERR
                    || type == PayloadType.EXIT_CODE)) {
                try {
                    wire = cipher.encrypt(payload);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
            frame = reliability.send(type, wire, clock.millis());
        }
        lastData = clock.millis();
        write(frame);
    }

    private void tick() {
        if (clock.millis() - lastData > world.sessionIdleTimeout().toMillis()) {
            end(IDLE_TIMEOUT);
            return;
        }
        long detached = detachedAt;
        if (link == null && detached > 0 && clock.millis() - detached > DETACHED_MILLIS) {
            world.terminateSsmSession(ssm.sessionId());
            release();
            return;
        }
        List<byte[]> due;
        synchronized (this) {
            if (closing) {
                return;
            }
            due = reliability.due(clock.millis());
        }
        due.forEach(this::write);
    }

    private void write(byte[] frame) {
        Link l = link;
        if (l != null) {
            l.send(frame);
        }
    }

    /** The service's {@code channel_closed} with {@code output}, then the channel's close and the session's end. */
    void end(String output) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        ObjectNode msg = JSON.createObjectNode();
        msg.put("MessageId", UUID.randomUUID().toString());
        msg.put("CreatedDate", Long.toString(clock.millis()));
        msg.put("DestinationId", ssm.target());
        msg.put("SessionId", ssm.sessionId());
        msg.put("MessageType", ClientMessage.CHANNEL_CLOSED);
        msg.put("SchemaVersion", 1);
        msg.put("Output", output);
        Link l = link;
        if (l != null) {
            l.close(ClientMessage.of(ClientMessage.CHANNEL_CLOSED, 0, 3, PayloadType.NONE,
                    msg.toString().getBytes(StandardCharsets.UTF_8), clock.millis(), UUID.randomUUID()).encode());
        }
        world.terminateSsmSession(ssm.sessionId());
        release();
    }

    /** Stops the timer, ends the shell or command with everything it started, forgets the key. */
    void release() {
        timer.shutdownNow();
        PortBridge forward = bridge;
        if (forward != null) {
            forward.close();
        }
        synchronized (this) {
            closing = true;
            if (cipher != null) {
                cipher.close();
            }
        }
        processes.destroy();
        onEnd.run();
    }
}
