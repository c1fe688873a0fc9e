package dev.gangway.sandbox.ssm;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.SsmSession;

/**
 * The sandbox agent's live sessions, by session id: a data channel opened with a session's first
 * token starts it, one opened with ResumeSession's token takes over the dropped one, and
 * TerminateSession ends it.
 */
public final class AgentSessions implements AutoCloseable {

    private final SandboxWorld world;
    private final Clock clock;
    private final Path home;
    private final Path nativeFolder;
    private final Map<String, AgentSession> live = new ConcurrentHashMap<>();
    private final Map<String, AgentChannel> channels = new ConcurrentHashMap<>();

    public AgentSessions(SandboxWorld world, Clock clock, Path home, Path nativeFolder) {
        this.world = world;
        this.clock = clock;
        this.home = home;
        this.nativeFolder = nativeFolder;
        world.whenSsmSessionTerminated(id -> {
            AgentSession s = live.get(id);
            if (s != null) {
                s.end("");
            }
        });
    }

    /** A new data channel, for the sandbox's WebSocket endpoint. */
    public AgentChannel newChannel() {
        return new AgentChannel(world, this);
    }

    /** {@code channel} presented {@code session}'s current token: it starts the session, or resumes it. */
    AgentSession attach(SsmSession session, AgentChannel channel, String clientVersion) {
        channels.put(session.sessionId(), channel);
        AgentSession existing = live.get(session.sessionId());
        if (existing != null) {
            existing.resume(channel);
            return existing;
        }
        AgentSession started = new AgentSession(world, clock, home, nativeFolder, session, clientVersion, () -> {
            live.remove(session.sessionId());
            channels.remove(session.sessionId());
        });
        live.put(session.sessionId(), started);
        started.start(channel);
        return started;
    }

    /**
     * Cuts every session's data channel as a network fault would (no close frame, no
     * {@code channel_closed}): the sessions wait for ResumeSession. Returns how many were cut.
     */
    public int cutChannels() {
        List<AgentChannel> now = List.copyOf(channels.values());
        now.forEach(AgentChannel::cut);
        return now.size();
    }

    /** Ends every session (the sandbox's close). */
    @Override
    public void close() {
        List.copyOf(live.values()).forEach(AgentSession::release);
    }
}
