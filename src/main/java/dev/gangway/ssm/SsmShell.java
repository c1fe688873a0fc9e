package dev.gangway.ssm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gangway.ssm.protocol.ClientMessage;
import dev.gangway.ssm.protocol.HandshakeResponse;
import dev.gangway.ssm.protocol.PayloadType;
import dev.gangway.ssm.protocol.Reliability;
import dev.gangway.ssm.protocol.ShellPayloads;
import dev.gangway.ssm.protocol.TerminalSize;
import dev.gangway.terminal.RemoteShell;

/**
 * A shell over Session Manager's data channel, for a terminal tab or a command: the JDK's WebSocket
 * carries the frames, {@link Reliability} orders, acknowledges and resends them, and the handshake
 * answers the agent as AWS's plugin does. Keystrokes go out as they are typed (in messages of at
 * most 1024 bytes); output comes in through {@link #output()}.
 */
public final class SsmShell implements RemoteShell {

    private static final Logger LOG = Logger.getLogger(SsmShell.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The plugin version this client speaks like (4 parts, at least the documented minimum): the agent keys behaviour off it. */
    static final String CLIENT_VERSION = "1.2.764.0";
    private static final int CHUNK = 1024;
    /** The largest frame taken in: agents send at most 1024 payload bytes (plus encryption and header). */
    static final int MAX_FRAME = 1 << 20;

    private final Clock clock;
    private final Reliability reliability = Reliability.client();
    private final ByteQueue output = new ByteQueue();
    private final ByteQueue errors = new ByteQueue();
    private volatile Integer exitCode;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gangway-ssm-resend");
        t.setDaemon(true);
        return t;
    });
    private final Object sending = new Object();
    private volatile WebSocket socket;
    private volatile boolean closedNormally;
    private volatile String closeReason;
    /** Why the session cannot go on, said to the user (an action this client cannot do). */
    private volatile String failure;
    private volatile int columns;
    private volatile int rows;

    private SsmShell(Clock clock, int columns, int rows) {
        this.clock = clock;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Opens the data channel of a started session ({@code streamUrl}, {@code token} from StartSession)
     * and waits until the agent has completed the handshake.
     *
     * @param token a secret: it goes only into the channel's first frame, and its array is zeroed
     */
    public static SsmShell open(URI streamUrl, char[] token, int columns, int rows, Duration timeout)
            throws IOException, InterruptedException {
        SsmShell shell = new SsmShell(Clock.systemUTC(), columns, rows);
        try {
            shell.connect(streamUrl, token, timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            shell.close();
            throw e;
        } finally {
            Arrays.fill(token, '\0');
        }
        return shell;
    }

    private void connect(URI streamUrl, char[] token, Duration timeout) throws IOException, InterruptedException {
        CompletableFuture<WebSocket> opening = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(streamUrl, new Listener());
        try {
            socket = opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // One that opens after all is not left behind.
            opening.thenAccept(WebSocket::abort);
            throw new IOException("Session Manager's data channel did not open: " + e.getMessage(), e);
        }
        ObjectNode open = JSON.createObjectNode();
        open.put("MessageSchemaVersion", "1.0");
        open.put("RequestId", UUID.randomUUID().toString());
        open.put("TokenValue", new String(token));
        open.put("ClientId", UUID.randomUUID().toString());
        open.put("ClientVersion", CLIENT_VERSION);
        synchronized (sending) {
            socket.sendText(open.toString(), true).join();
        }
        try {
            timer.scheduleWithFixedDelay(this::resend, 100, 100, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The channel closed already (a refused token closes it at once): the wait below says why.
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.await(20, TimeUnit.MILLISECONDS)) {
            if (ended.getCount() == 0) {
                throw new IOException(failure != null ? failure
                        : "Session Manager closed the data channel before the session started"
                        + (closeReason == null || closeReason.isBlank() ? "." : ": " + closeReason + "."));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("The Session Manager agent did not complete the handshake within "
                        + timeout.toSeconds() + " s.");
            }
        }
    }

    /** Receives whole frames (the JDK may hand a frame over in parts). */
    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            if (partial.size() + bytes.length > MAX_FRAME) {
                // No message of the protocol comes near this: the other side is not an agent.
                failure = "Session Manager sent a message of more than " + MAX_FRAME / 1024 + " KB; the session ends.";
                webSocket.abort();
                end();
                return null;
            }
            partial.writeBytes(bytes);
            if (last) {
                byte[] frame = partial.toByteArray();
                partial.reset();
                received(frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            end();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            LOG.log(Level.FINE, "Session Manager data channel failed", error);
            end();
        }
    }

    private void received(byte[] frame) {
        ClientMessage m;
        try {
            m = ClientMessage.decode(frame);
        } catch (ClientMessage.BadFrame e) {
            return;
        }
        Reliability.Received in;
        synchronized (reliability) {
            in = reliability.receive(m, clock.millis());
            reliability.notifyAll();
        }
        in.acknowledgements().forEach(a -> write(a.encode()));
        for (ClientMessage d : in.delivered()) {
            handle(d);
        }
    }

    private void handle(ClientMessage m) {
        if (ClientMessage.CHANNEL_CLOSED.equals(m.messageType())) {
            closedNormally = true;
            end();
            return;
        }
        switch (m.payloadType()) {
            case HANDSHAKE_REQUEST -> answerHandshake(m.payload());
            case HANDSHAKE_COMPLETE -> started();
            case OUTPUT -> {
                // Without a handshake (a shell, no KMS) the agent's first output starts the session.
                started();
                output.add(m.payload());
            }
            case STDERR -> errors.add(m.payload());
            case EXIT_CODE -> ShellPayloads.exitCode(m.payload()).ifPresent(code -> exitCode = code);
            default -> {
                // Other payloads are not for a shell session.
            }
        }
    }

    /** The session has started: the terminal's size goes first, as the plugin sends it. */
    private void started() {
        if (ready.getCount() > 0) {
            send(PayloadType.SIZE, new TerminalSize(columns, rows).payload());
            ready.countDown();
        }
    }

    /**
     * Answers the agent's requested actions: the session type is taken; anything else (KMS
     * encryption, for now) is answered as unsupported, and a session that needs it cannot go on.
     */
    private void answerHandshake(byte[] payload) {
        List<HandshakeResponse.ProcessedAction> processed = new ArrayList<>();
        try {
            for (JsonNode action : JSON.readTree(payload).path("RequestedClientActions")) {
                String type = action.path("ActionType").asText();
                if ("SessionType".equals(type)) {
                    processed.add(new HandshakeResponse.ProcessedAction(type, HandshakeResponse.SUCCESS, null, ""));
                } else {
                    processed.add(new HandshakeResponse.ProcessedAction(type, HandshakeResponse.UNSUPPORTED, null,
                            "Unsupported action " + type));
                    if ("KMSEncryption".equals(type)) {
                        failure = "This session asks for KMS encryption (the account's Session Manager preferences), "
                                + "which Gangway does not do yet.";
                    }
                }
            }
        } catch (IOException e) {
            failure = "The Session Manager agent sent a handshake Gangway cannot read.";
        }
        send(PayloadType.HANDSHAKE_RESPONSE, new HandshakeResponse(CLIENT_VERSION, processed, null).payload());
        if (failure != null) {
            end();
        }
    }

    private void send(PayloadType type, byte[] payload) {
        byte[] frame;
        synchronized (reliability) {
            frame = reliability.send(type, payload, clock.millis());
        }
        write(frame);
    }

    private void resend() {
        Optional<byte[]> due;
        boolean gaveUp;
        synchronized (reliability) {
            due = reliability.due(clock.millis());
            gaveUp = reliability.gaveUp();
        }
        if (gaveUp) {
            // About five minutes without an acknowledgement: the agent is gone.
            end();
            return;
        }
        due.ifPresent(this::write);
    }

    /** The JDK's WebSocket takes one send at a time. */
    private void write(byte[] frame) {
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return;
        }
        synchronized (sending) {
            try {
                ws.sendBinary(ByteBuffer.wrap(frame), true).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.FINE, "could not send on the Session Manager data channel", e);
            }
        }
    }

    private void end() {
        timer.shutdownNow();
        if (ended.getCount() > 0) {
            output.end();
            errors.end();
        }
        ended.countDown();
    }

    @Override
    public InputStream output() {
        return output;
    }

    /** What a command run without a terminal wrote to its standard error (a shell's errors come with its output). */
    public InputStream errors() {
        return errors;
    }

    @Override
    public OutputStream input() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i += CHUNK) {
                    awaitRoom();
                    byte[] chunk = new byte[Math.min(CHUNK, len - i)];
                    System.arraycopy(b, off + i, chunk, 0, chunk.length);
                    send(PayloadType.OUTPUT, chunk);
                }
            }
        };
    }

    /** Waits while the outgoing buffer is full (a large paste to a slow link); fails once the session ended. */
    private void awaitRoom() throws IOException {
        synchronized (reliability) {
            while (!reliability.canSend() && ended.getCount() > 0) {
                try {
                    reliability.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the Session Manager session was busy", e);
                }
            }
        }
        if (ended.getCount() == 0) {
            throw new IOException("The Session Manager session has ended.");
        }
    }

    @Override
    public void resize(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
        if (ready.getCount() == 0) {
            send(PayloadType.SIZE, new TerminalSize(columns, rows).payload());
        }
    }

    @Override
    public boolean isOpen() {
        return ended.getCount() > 0;
    }

    /**
     * A command's exit status as the agent sent it; for an interactive shell, whose status the agent
     * does not send, 0 when the session closed normally; null when it dropped.
     */
    @Override
    public Integer awaitEnd() {
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exitCode != null ? exitCode : closedNormally ? 0 : null;
    }

    @Override
    public boolean reportsExitStatus() {
        return exitCode != null;
    }

    @Override
    public boolean connectionOpen() {
        WebSocket ws = socket;
        return ws != null && !ws.isInputClosed();
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            synchronized (sending) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "closed").orTimeout(5, TimeUnit.SECONDS)
                        .exceptionally(e -> null).join();
            }
        }
        end();
    }
}
