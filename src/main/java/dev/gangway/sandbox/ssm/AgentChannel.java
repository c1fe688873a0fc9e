package dev.gangway.sandbox.ssm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import dev.gangway.sandbox.ssh.SandboxPty;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.SsmSession;
import dev.gangway.ssm.protocol.ClientMessage;
import dev.gangway.ssm.protocol.PayloadType;
import dev.gangway.ssm.protocol.Reliability;

/**
 * One Session Manager data channel as the SSM agent (and the service in front of it) plays it: the
 * first text frame must carry the session's token; then the agent asks for the session type, starts
 * a real shell on a pseudo-terminal once the client answered, sends its output as the agent does
 * (acknowledged, resent head-of-line), resizes on Size, and ends with {@code channel_closed} when
 * the shell exits. A public class: Jetty finds its methods through a public lookup.
 */
public final class AgentChannel implements Session.Listener.AutoDemanding {

    private static final Logger LOG = Logger.getLogger(AgentChannel.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PROMPT = "sh-5.2$ ";

    private final SandboxWorld world;
    private final Clock clock;
    private final Path home;
    private final Path nativeFolder;
    private final Reliability reliability = new Reliability(ClientMessage.OUTPUT_STREAM_DATA, UUID::randomUUID);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-ssm-agent");
        t.setDaemon(true);
        return t;
    });
    private Session session;
    private SsmSession ssm;
    private final Object writing = new Object();
    private PtyProcess shell;
    private Process command;
    /** Set once the end has begun: nothing but channel_closed is sent after it. */
    private boolean closing;
    private volatile boolean closed;

    public AgentChannel(SandboxWorld world, Clock clock, Path home, Path nativeFolder) {
        this.world = world;
        this.clock = clock;
        this.home = home;
        this.nativeFolder = nativeFolder;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    /**
     * The first frame, OpenDataChannelInput: only the session's current token opens it, and only once.
     * A shell starts at once, as the agent starts Standard_Stream without a handshake; a command is
     * preceded by the handshake the agent requires for NonInteractiveCommands.
     */
    @Override
    public void onWebSocketText(String message) {
        if (ssm != null) {
            return;
        }
        String path = session.getUpgradeRequest().getRequestURI().getPath();
        String sessionId = path.substring(path.lastIndexOf('/') + 1);
        String token;
        try {
            token = JSON.readTree(message).path("TokenValue").asText("");
        } catch (IOException e) {
            token = "";
        }
        Optional<SsmSession> claimed = world.claimSsmChannel(sessionId, token);
        if (claimed.isEmpty()) {
            session.close(1008, "invalid token", Callback.NOOP);
            return;
        }
        ssm = claimed.get();
        timer.scheduleWithFixedDelay(this::resend, 100, 100, TimeUnit.MILLISECONDS);
        if (ssm.command() == null) {
            try {
                startShell(false);
            } catch (IOException e) {
                LOG.log(Level.FINE, "sandbox agent could not start a shell", e);
                close("The shell could not be started.");
            }
            return;
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("AgentVersion", SsmApi.AGENT_VERSION);
        ObjectNode action = request.putArray("RequestedClientActions").addObject();
        action.put("ActionType", "SessionType");
        ObjectNode parameters = action.putObject("ActionParameters");
        parameters.put("SessionType", "NonInteractiveCommands");
        parameters.putNull("Properties");
        send(PayloadType.HANDSHAKE_REQUEST, request.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] frame = new byte[payload.remaining()];
        payload.get(frame);
        callback.succeed();
        if (ssm == null) {
            return; // nothing before the token
        }
        ClientMessage m;
        try {
            m = ClientMessage.decode(frame);
        } catch (ClientMessage.BadFrame e) {
            return;
        }
        Reliability.Received received;
        synchronized (this) {
            received = reliability.receive(m, clock.millis());
        }
        received.acknowledgements().forEach(a -> write(a.encode()));
        received.delivered().forEach(this::handle);
    }

    private void handle(ClientMessage m) {
        try {
            switch (m.payloadType()) {
                case HANDSHAKE_RESPONSE -> {
                    if (ssm.command() != null) {
                        runCommand(ssm.command());
                    }
                }
                case OUTPUT -> {
                    if (shell != null) {
                        OutputStream in = shell.getOutputStream();
                        in.write(m.payload());
                        in.flush();
                    }
                }
                case SIZE -> {
                    JsonNode size = JSON.readTree(m.payload());
                    if (shell != null) {
                        shell.setWinSize(new WinSize(size.path("cols").asInt(80), size.path("rows").asInt(24)));
                    }
                }
                case FLAG -> close("");
                default -> {
                    // Nothing else is meant for a shell session's agent.
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "sandbox agent could not handle a message", e);
        }
    }

    private synchronized void startShell(boolean afterHandshake) throws IOException {
        if (shell != null || closing) {
            return;
        }
        shell = SandboxPty.start(home, nativeFolder, PROMPT, 80, 24, Map.of());
        if (afterHandshake) {
            sendHandshakeComplete();
        }
        Thread out = new Thread(this::pumpOutput, "sandbox-ssm-shell");
        out.setDaemon(true);
        out.start();
    }

    /**
     * {@code command} without a terminal, as the agent runs AWS-StartNonInteractiveCommand: its
     * output as Output, its errors as StdErr, and at the end its exit status as ExitCode.
     */
    private synchronized void runCommand(String line) throws IOException {
        if (command != null || closing) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", line).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(SandboxPty.environment());
        pb.environment().put("HOME", home.toString());
        Process process = pb.start();
        command = process;
        process.getOutputStream().close();
        sendHandshakeComplete();
        Thread errors = new Thread(() -> pump(process.getErrorStream(), PayloadType.STDERR), "sandbox-ssm-stderr");
        errors.setDaemon(true);
        errors.start();
        Thread out = new Thread(() -> {
            pump(process.getInputStream(), PayloadType.OUTPUT);
            try {
                errors.join();
                int code = process.waitFor();
                send(PayloadType.EXIT_CODE, ("EXIT_CODE: " + code).getBytes(StandardCharsets.US_ASCII));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drainAndClose();
        }, "sandbox-ssm-command");
        out.setDaemon(true);
        out.start();
    }

    private void sendHandshakeComplete() {
        ObjectNode complete = JSON.createObjectNode();
        complete.put("HandshakeTimeToComplete", 1_000_000L);
        complete.put("CustomerMessage", "");
        send(PayloadType.HANDSHAKE_COMPLETE, complete.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code from}'s bytes in messages of up to 1024 bytes, as the agent reads its streams. */
    private void pump(InputStream from, PayloadType type) {
        byte[] buffer = new byte[1024];
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                byte[] chunk = new byte[n];
                System.arraycopy(buffer, 0, chunk, 0, n);
                send(type, chunk);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "sandbox agent's stream ended", e);
        }
    }

    /** The shell's output in messages of up to 1024 bytes, as the agent reads its pty; then the end. */
    private void pumpOutput() {
        pump(shell.getInputStream(), PayloadType.OUTPUT);
        drainAndClose();
    }

    private void drainAndClose() {
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
        close("");
    }

    private void send(PayloadType type, byte[] payload) {
        byte[] frame;
        synchronized (this) {
            if (closing) {
                return;
            }
            frame = reliability.send(type, payload, clock.millis());
        }
        write(frame);
    }

    private void resend() {
        Optional<byte[]> due;
        synchronized (this) {
            if (closing) {
                return;
            }
            due = reliability.due(clock.millis());
        }
        due.ifPresent(this::write);
    }

    /**
     * One frame at a time: Jetty takes the next send once the last one is written. A client that
     * stops reading for 10 s loses its channel rather than freezing the agent.
     */
    private void write(byte[] frame) {
        synchronized (writing) {
            if (closed || !session.isOpen()) {
                return;
            }
            Callback.Completable done = new Callback.Completable();
            session.sendBinary(ByteBuffer.wrap(frame), done);
            try {
                done.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.log(Level.FINE, "sandbox agent could not send a frame; the channel ends", e);
                session.disconnect();
            }
        }
    }

    /** The service's {@code channel_closed}, then the socket's close. */
    private void close(String output) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        ObjectNode msg = JSON.createObjectNode();
        msg.put("MessageId", UUID.randomUUID().toString());
        msg.put("CreatedDate", Long.toString(clock.millis()));
        msg.put("DestinationId", ssm == null ? "" : ssm.target());
        msg.put("SessionId", ssm == null ? "" : ssm.sessionId());
        msg.put("MessageType", ClientMessage.CHANNEL_CLOSED);
        msg.put("SchemaVersion", 1);
        msg.put("Output", output);
        write(ClientMessage.of(ClientMessage.CHANNEL_CLOSED, 0, 3, PayloadType.NONE,
                msg.toString().getBytes(StandardCharsets.UTF_8), clock.millis(), UUID.randomUUID()).encode());
        closed = true;
        session.close(1000, "session ended", Callback.NOOP);
        release();
    }

    /** Stops the timer, ends the shell or command with everything it started, and forgets the session. */
    private void release() {
        timer.shutdownNow();
        PtyProcess pty;
        Process cmd;
        synchronized (this) {
            closing = true;
            pty = shell;
            cmd = command;
        }
        for (Process p : new Process[] {pty, cmd}) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        if (ssm != null) {
            world.terminateSsmSession(ssm.sessionId());
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed = true;
        release();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(Level.FINE, "sandbox agent's data channel failed", cause);
    }
}
