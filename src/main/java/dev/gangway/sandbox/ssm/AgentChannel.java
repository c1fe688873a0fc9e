package dev.gangway.sandbox.ssm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.ChannelFaults;
import dev.gangway.sandbox.world.SandboxWorld.SsmSession;

/**
 * One Session Manager data channel (a WebSocket) in front of an {@link AgentSession}: the first text
 * frame must carry the session's current token (from StartSession, or from ResumeSession after a
 * drop); after it, binary frames go both ways, disturbed as the world's channel faults say. When
 * the channel closes or drops, the session waits for ResumeSession or TerminateSession. A public
 * class: Jetty finds its methods through a public lookup.
 */
public final class AgentChannel implements Session.Listener.AutoDemanding, AgentSession.Link {

    private static final Logger LOG = Logger.getLogger(AgentChannel.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxWorld world;
    private final AgentSessions sessions;
    private final Object writing = new Object();
    private Session socket;
    private volatile AgentSession agent;
    private volatile boolean closed;
    /** A frame each way held back to be delivered after the next one (reordering). */
    private byte[] heldOut;
    private byte[] heldIn;

    AgentChannel(SandboxWorld world, AgentSessions sessions) {
        this.world = world;
        this.sessions = sessions;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.socket = session;
    }

    /** The first frame, OpenDataChannelInput: only the session's current token opens it, and only once. */
    @Override
    public void onWebSocketText(String message) {
        if (agent != null) {
            return;
        }
        String path = socket.getUpgradeRequest().getRequestURI().getPath();
        String sessionId = path.substring(path.lastIndexOf('/') + 1);
        String token;
        String clientVersion;
        try {
            JsonNode open = JSON.readTree(message);
            token = open.path("TokenValue").asText("");
            clientVersion = open.path("ClientVersion").asText("");
        } catch (IOException e) {
            token = "";
            clientVersion = "";
        }
        Optional<SsmSession> claimed = world.claimSsmChannel(sessionId, token);
        if (claimed.isEmpty()) {
            socket.close(1008, "invalid token", Callback.NOOP);
            return;
        }
        agent = sessions.attach(claimed.get(), this, clientVersion);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] frame = new byte[payload.remaining()];
        payload.get(frame);
        callback.succeed();
        world.tapped(frame);
        AgentSession a = agent;
        if (a == null || !a.attachedTo(this)) {
            return; // nothing before the token, nothing on a channel another has replaced
        }
        ChannelFaults faults = world.faultsToAgent();
        double roll = ThreadLocalRandom.current().nextDouble();
        byte[] release;
        synchronized (this) {
            if (roll < faults.drop()) {
                return;
            }
            if (roll < faults.drop() + faults.reorder() && heldIn == null) {
                heldIn = frame;
                return;
            }
            release = heldIn;
            heldIn = null;
        }
        a.receive(frame);
        if (roll < faults.drop() + faults.reorder() + faults.duplicate()) {
            a.receive(frame);
        }
        if (release != null) {
            a.receive(release);
        }
    }

    /** A frame to the client, disturbed as the world says. */
    @Override
    public void send(byte[] frame) {
        ChannelFaults faults = world.faultsToClient();
        double roll = ThreadLocalRandom.current().nextDouble();
        byte[] release;
        synchronized (this) {
            if (roll < faults.drop()) {
                return;
            }
            if (roll < faults.drop() + faults.reorder() && heldOut == null) {
                heldOut = frame;
                return;
            }
            release = heldOut;
            heldOut = null;
        }
        write(frame);
        if (roll < faults.drop() + faults.reorder() + faults.duplicate()) {
            write(frame);
        }
        if (release != null) {
            write(release);
        }
    }

    /**
     * One frame at a time: Jetty takes the next send once the last one is written. A client that
     * stops reading for 10 s loses its channel rather than freezing the agent.
     */
    private void write(byte[] frame) {
        synchronized (writing) {
            if (closed || !socket.isOpen()) {
                return;
            }
            world.tapped(frame);
            Callback.Completable done = new Callback.Completable();
            socket.sendBinary(ByteBuffer.wrap(frame), done);
            try {
                done.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.log(Level.FINE, "sandbox agent could not send a frame; the channel drops", e);
                socket.disconnect();
            }
        }
    }

    @Override
    public void close(byte[] last) {
        if (last != null) {
            write(last);
        }
        closed = true;
        if (socket.isOpen()) {
            socket.close(1000, "session ended", Callback.NOOP);
        }
    }

    /** Drops the connection without a close frame, as a network fault does. */
    void cut() {
        closed = true;
        AgentSession a = agent;
        if (a != null) {
            a.detach(this);
        }
        socket.disconnect();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed = true;
        AgentSession a = agent;
        if (a == null || !a.attachedTo(this)) {
            return;
        }
        // Closed or dropped, the session lives on, as with AWS: TerminateSession (or its idle time,
        // here 2 minutes without a channel) ends it, and ResumeSession's token takes it up again.
        a.detach(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(Level.FINE, "sandbox agent's data channel failed", cause);
    }
}
