package dev.gangway.ssm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gangway.ssm.protocol.ClientMessage;
import dev.gangway.ssm.protocol.OpenDataChannel;
import dev.gangway.ssm.protocol.PayloadType;
import dev.gangway.ssm.protocol.PortMode;
import dev.gangway.ssm.protocol.Reliability;
import dev.gangway.ssm.protocol.SessionCipher;
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
    private static final int RESUME_ATTEMPTS = 16;
    static final Duration PING_AFTER = Duration.ofSeconds(15);
    static final Duration DEAD_AFTER = Duration.ofSeconds(30);
    /** See {@link #checkAlive}; tests shorten them. */
    private volatile Duration pingAfter = PING_AFTER;
    private volatile Duration deadAfter = DEAD_AFTER;
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
    /** The sends on the channel in use, in order. */
    private final SendChain sends = new SendChain();
    /** One HTTP client for all of the session's channels. */
    private final HttpClient http = HttpClient.newHttpClient();
    /** Where the channel in use was opened: a resume without a StreamUrl opens there again. */
    private volatile URI streamUrl;
    /** When anything last came from the agent (frames, pongs), and when a ping last went out. */
    private volatile long lastHeard;
    private volatile long lastPing;
    /** Whether the session runs one command (AWS-StartNonInteractiveCommand) rather than a shell. */
    private volatile boolean command;
    /** The agent's version, as its handshake said (null without a handshake). */
    private volatile String agentVersion;
    /** Whether it forwards a port: its Output is a byte stream (smux) that nothing else may enter. */
    private volatile boolean port;
    /** A port session's Properties type ("LocalPortForwarding"; none for AWS-StartSSHSession). */
    private volatile String portType;
    /** Told the value of each Flag the agent sends (a port session's ConnectToPortError). */
    private volatile IntConsumer flags = f -> { };
    /** One client id for all of the session's channels, as the plugin keeps one per process. */
    private final String clientId = UUID.randomUUID().toString();
    /** The listener of the channel in use: events of a channel that was replaced are old news. */
    private volatile Listener current;
    private volatile boolean closedNormally;
    private volatile String closeReason;
    /** Why the session cannot go on, said to the user (an action this client cannot do). */
    private volatile String failure;
    private volatile int columns;
    private volatile int rows;
    private final String sessionId;
    private final String target;
    private final SessionService service;
    /** The session's payload encryption, once the handshake set it up (KMS); null for a plain session. */
    private volatile SessionCipher cipher;
    /** Set when this side ends the session: a drop after it is not resumed. */
    private volatile boolean closing;
    private final AtomicBoolean resuming = new AtomicBoolean();
    private final AtomicInteger resumes = new AtomicInteger();
    /** Resumes in a row whose channel brought nothing: the service keeps refusing, the session is lost. */
    private final AtomicInteger failedResumes = new AtomicInteger();

    private SsmShell(Clock clock, SsmSessions.Started session, SessionService service, int columns, int rows) {
        this.clock = clock;
        this.sessionId = session.sessionId();
        this.target = session.target();
        this.service = service;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Opens the data channel of a started session and waits until the agent has completed the
     * handshake. {@code service} resumes the session when its channel drops, ends it on {@link #close()},
     * and makes the data key of an encrypted session.
     *
     * @param session its token is a secret: it goes only into the channel's first frame, and its array is zeroed
     */
    public static SsmShell open(SsmSessions.Started session, SessionService service, int columns, int rows,
            Duration timeout) throws IOException, InterruptedException {
        SsmShell shell = new SsmShell(Clock.systemUTC(), session, service, columns, rows);
        try {
            shell.connect(session.streamUrl(), session.token(), timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            shell.close();
            throw e;
        } finally {
            Arrays.fill(session.token(), '\0');
        }
        return shell;
    }

    /** A bare data channel ({@code streamUrl} and {@code token} of StartSession): no resume, no encryption. */
    public static SsmShell open(URI streamUrl, char[] token, int columns, int rows, Duration timeout)
            throws IOException, InterruptedException {
        String path = streamUrl.getPath();
        return open(new SsmSessions.Started(path.substring(path.lastIndexOf('/') + 1), "", streamUrl, token),
                SessionService.NONE, columns, rows, timeout);
    }

    /** The agent's version from its handshake, or null when there was none (a plain shell). */
    public String agentVersion() {
        return agentVersion;
    }

    /** How a port session carries its connections, chosen as AWS's plugin chooses it (after the handshake). */
    public PortMode portMode() {
        return PortMode.client(portType, agentVersion);
    }

    /** Calls {@code listener} with each Flag the agent sends (ConnectToPortError in a port session). */
    public void onFlag(IntConsumer listener) {
        flags = listener;
    }

    /** Sends a Flag to the agent (a port session's TerminateSession or DisconnectToPort). */
    public void flag(int value) {
        try {
            // Behind a full outgoing buffer (a large upload on a slow link), the flag waits its turn.
            awaitRoom();
            send(PayloadType.FLAG, ShellPayloads.flag(value));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "a flag could not be sent: the session ended or is busy", e);
        }
    }

    /** The session's id (for DescribeSessions and the console's session history). */
    public String sessionId() {
        return sessionId;
    }

    /** How often the channel dropped and was resumed. */
    public int resumes() {
        return resumes.get();
    }

    private void connect(URI streamUrl, char[] token, Duration timeout) throws IOException, InterruptedException {
        this.streamUrl = streamUrl;
        install(dial(streamUrl, token, timeout));
        try {
            timer.scheduleWithFixedDelay(this::resend, 100, 100, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The channel closed already (a refused token closes it at once): the wait below says why.
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.await(20, TimeUnit.MILLISECONDS)) {
            if (ended.getCount() == 0) {
                if (failure == null && closeReason != null && closeReason.toLowerCase(Locale.ROOT)
                        .contains("token")) {
                    throw new IOException("Session Manager refused the session's token (" + closeReason + "): it "
                            + "expires soon after the session starts and opens one data channel only. Open the "
                            + "session again.");
                }
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

    /** A WebSocket to {@code streamUrl}, its first frame (OpenDataChannelInput) sent with {@code token}. */
    private WebSocket dial(URI streamUrl, char[] token, Duration timeout) throws IOException, InterruptedException {
        Listener listener = new Listener();
        current = listener;
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(streamUrl, listener);
        WebSocket ws;
        try {
            ws = opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // One that opens after all is not left behind.
            opening.thenAccept(WebSocket::abort);
            throw new IOException("Session Manager's data channel did not open: " + e.getMessage(), e);
        }
        char[] open;
        try {
            open = OpenDataChannel.frame(token, clientId, CLIENT_VERSION);
        } catch (IllegalArgumentException e) {
            ws.abort();
            throw new IOException("Session Manager returned a session token Gangway cannot send.", e);
        }
        try {
            ws.sendText(CharBuffer.wrap(open), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ws.abort();
            throw new IOException("Session Manager's data channel did not take the session's token.", e);
        } finally {
            Arrays.fill(open, '\0');
        }
        return ws;
    }

    /** Receives whole frames (the JDK may hand a frame over in parts). */
    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastHeard = System.nanoTime();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            if (partial.size() + bytes.length > MAX_FRAME) {
                // No message of the protocol comes near this: the other side is not an agent.
                failure = "Session Manager sent a message of more than " + MAX_FRAME / 1024 + " KB; the session ends.";
                webSocket.abort();
                abandon();
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
            dropped(this);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            LOG.log(Level.FINE, "Session Manager data channel failed", error);
            dropped(this);
        }
    }

    private void received(byte[] frame) {
        ClientMessage m;
        try {
            m = ClientMessage.decode(frame);
        } catch (ClientMessage.BadFrame e) {
            return;
        }
        failedResumes.set(0);
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
            closingWords(m.payload());
            end();
            return;
        }
        switch (m.payloadType()) {
            case HANDSHAKE_REQUEST -> answerHandshake(m.payload());
            case ENC_CHALLENGE_REQUEST -> answerChallenge(m.payload());
            case HANDSHAKE_COMPLETE -> {
                customerMessage(m.payload());
                started();
            }
            case OUTPUT -> plain(m.payload()).ifPresent(bytes -> {
                // Without a handshake (a shell, no KMS) the agent's first output starts the session.
                started();
                output.add(bytes);
            });
            case STDERR -> plain(m.payload()).ifPresent(errors::add);
            case FLAG -> {
                if (m.payload().length == 4) {
                    flags.accept(ByteBuffer.wrap(m.payload()).getInt());
                }
            }
            case EXIT_CODE -> plain(m.payload()).flatMap(p -> {
                OptionalInt code = ShellPayloads.exitCode(p);
                return code.isPresent() ? Optional.of(code.getAsInt()) : Optional.empty();
            }).ifPresent(code -> exitCode = code);
            default -> {
                // Other payloads are not for a shell session.
            }
        }
    }

    /** What the agent sent, decrypted when the session is encrypted; a payload that fails to decrypt ends it. */
    private Optional<byte[]> plain(byte[] payload) {
        SessionCipher c = cipher;
        if (c == null) {
            return Optional.of(payload);
        }
        try {
            return Optional.of(c.decrypt(payload));
        } catch (GeneralSecurityException e) {
            failure = "A Session Manager message did not decrypt with the session's key; the session ends.";
            abandon();
            return Optional.empty();
        }
    }

    /**
     * What the service said when it closed the channel ({@code channel_closed}'s Output: an idle
     * timeout, a terminated session), shown as the plugin shows it: in the terminal, or with a
     * command's errors.
     */
    private void closingWords(byte[] payload) {
        try {
            String text = JSON.readTree(payload).path("Output").asText("").strip();
            if (!text.isEmpty()) {
                if (command || port) {
                    errors.add((text + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    output.add(("\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // Nothing to show.
        }
    }

    /** HandshakeComplete's message for the user ("This session is encrypted using AWS KMS."), shown as the plugin shows it. */
    private void customerMessage(byte[] payload) {
        try {
            String text = JSON.readTree(payload).path("CustomerMessage").asText("");
            if (!text.isBlank() && ready.getCount() > 0) {
                // A command's output stays its own: the message goes with its errors.
                (command || port ? errors : output).add((text.strip() + (command || port ? "\n" : "\r\n"))
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // No message to show.
        }
    }

    /** The session has started: the terminal's size goes first, as the plugin sends it. */
    private void started() {
        if (ready.getCount() > 0) {
            if (!port) {
                send(PayloadType.SIZE, new TerminalSize(columns, rows).payload());
            }
            ready.countDown();
        }
    }

    /** Answers the agent's requested actions (see {@link ClientHandshake}); a session that cannot go on is ended. */
    private void answerHandshake(byte[] payload) {
        ClientHandshake.Answer answer = ClientHandshake.answer(payload, CLIENT_VERSION, sessionId, target, service);
        agentVersion = answer.agentVersion();
        if (answer.sessionType() != null) {
            command = "NonInteractiveCommands".equals(answer.sessionType());
            port = "Port".equals(answer.sessionType());
            portType = answer.portType();
        }
        if (answer.cipher() != null) {
            cipher = answer.cipher();
        }
        if (answer.failure() != null) {
            failure = answer.failure();
        }
        send(PayloadType.HANDSHAKE_RESPONSE, answer.response());
        if (failure != null) {
            abandon();
        }
    }

    /** The agent's proof request, answered with the session's key. */
    private void answerChallenge(byte[] payload) {
        SessionCipher c = cipher;
        if (c == null) {
            return;
        }
        try {
            send(PayloadType.ENC_CHALLENGE_RESPONSE, KmsHandshake.challengeResponse(c, payload));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            failure = "The Session Manager agent's encryption challenge did not decrypt with the session's key.";
            abandon();
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
        checkAlive();
        List<byte[]> due;
        boolean gaveUp;
        synchronized (reliability) {
            due = reliability.due(clock.millis());
            gaveUp = reliability.gaveUp();
        }
        if (gaveUp) {
            // About five minutes without an acknowledgement: the agent is gone.
            failure = "The Session Manager agent stopped answering; the session ends.";
            abandon();
            return;
        }
        due.forEach(this::write);
    }

    /** Queues {@code frame} on the channel in use (see {@link SendChain}). */
    private void write(byte[] frame) {
        sends.then(ws -> ws.sendBinary(ByteBuffer.wrap(frame), true)).exceptionally(e -> {
            LOG.log(Level.FINE, "could not send on the Session Manager data channel", e);
            return null;
        });
    }

    /** The channel in use from now on: its sends start a new chain, and it counts as just heard from. */
    private void install(WebSocket ws) {
        sends.install(ws);
        lastHeard = System.nanoTime();
        lastPing = 0;
    }

    /**
     * The channel of {@code listener} dropped. A session that had started and was not ended by
     * either side is resumed (ResumeSession, a new channel, the same sequence numbers); one still
     * opening, or ended, is over.
     */
    private void dropped(Listener listener) {
        if (listener != current) {
            return;
        }
        if (closing || closedNormally || ready.getCount() > 0 || ended.getCount() == 0) {
            end();
            return;
        }
        if (!resuming.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::resume, "gangway-ssm-resume");
        t.setDaemon(true);
        t.start();
    }

    /**
     * ResumeSession and a new channel, tried with growing pauses (0.1 s doubling to 5 s, about a
     * minute in all: more than the plugin's 6 s, since networks that drop come back slowly).
     * Unacknowledged messages are resent on the new channel by the resend timer. A new channel that
     * drops before it has brought anything counts as a failed try.
     */
    private void resume() {
        String why = "";
        long pause = 100 + ThreadLocalRandom.current().nextLong(100);
        try {
            while (!closing && ended.getCount() > 0) {
                if (failedResumes.incrementAndGet() > RESUME_ATTEMPTS) {
                    break;
                }
                try {
                    Optional<SsmSessions.Started> next = service.resume(sessionId);
                    if (next.isEmpty()) {
                        failure = "The Session Manager session timed out while its connection was down.";
                        end();
                        return;
                    }
                    char[] token = next.get().token();
                    // The service may answer without a StreamUrl: the channel opens where it was.
                    URI url = next.get().streamUrl() != null ? next.get().streamUrl() : streamUrl;
                    WebSocket ws;
                    try {
                        ws = dial(url, token, Duration.ofSeconds(10));
                    } finally {
                        Arrays.fill(token, '\0');
                    }
                    if (closing || ended.getCount() == 0) {
                        // Closed meanwhile: the new channel must not stay behind.
                        ws.abort();
                        return;
                    }
                    streamUrl = url;
                    install(ws);
                    resumes.incrementAndGet();
                    // What was in flight on the old channel went with it.
                    List<byte[]> again;
                    synchronized (reliability) {
                        again = reliability.resendAll(clock.millis());
                    }
                    again.forEach(this::write);
                    if (!ws.isInputClosed()) {
                        return;
                    }
                    why = "the new channel closed at once" + (closeReason == null || closeReason.isBlank() ? ""
                            : " (" + closeReason + ")");
                } catch (IOException | RuntimeException e) {
                    why = e.getMessage();
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            resuming.set(false);
            WebSocket ws = sends.socket();
            // A channel that dropped while this ran (its drop found the resume busy) is tried again.
            if (!closing && ended.getCount() > 0 && ws != null && ws.isInputClosed()
                    && failedResumes.get() < RESUME_ATTEMPTS) {
                dropped(current);
            }
        }
        if (ended.getCount() > 0 && (sends.socket() == null || sends.socket().isInputClosed())) {
            if (!closing) {
                failure = "The connection to Session Manager dropped and could not be resumed"
                        + (why == null || why.isBlank() ? "." : ": " + why);
            }
            end();
        }
    }

    /**
     * A channel that went silent (a half-open connection: no close, no error) is noticed: after
     * {@link #PING_AFTER} without a word from the agent a ping goes out; after {@link #DEAD_AFTER}
     * the channel is given up and the session resumed on a new one.
     */
    private void checkAlive() {
        WebSocket ws = sends.socket();
        Listener l = current;
        if (ws == null || ready.getCount() > 0 || resuming.get() || closing) {
            return;
        }
        long now = System.nanoTime();
        long silent = now - lastHeard;
        if (silent > deadAfter.toNanos()) {
            LOG.fine("the Session Manager data channel went silent; resuming the session");
            ws.abort();
            dropped(l);
        } else if (silent > pingAfter.toNanos() && now - lastPing > pingAfter.toNanos()) {
            lastPing = now;
            sends.then(w -> w.sendPing(ByteBuffer.allocate(0))).exceptionally(e -> null);
        }
    }

    /** How soon a silent channel is pinged, and given up (tests: less than the defaults' 15 s and 30 s). */
    void liveness(Duration ping, Duration dead) {
        pingAfter = ping;
        deadAfter = dead;
    }

    /** This side ends a session that cannot go on: the channel closes and the session ends on the instance too. */
    private void abandon() {
        closing = true;
        WebSocket ws = sends.socket();
        if (ws != null) {
            ws.abort();
        }
        end();
        Thread t = new Thread(() -> service.terminate(sessionId), "gangway-ssm-terminate");
        t.setDaemon(true);
        t.start();
    }

    private void end() {
        timer.shutdownNow();
        if (ended.getCount() > 0) {
            output.end();
            errors.end();
        }
        ended.countDown();
        SessionCipher c = cipher;
        if (c != null) {
            c.close();
        }
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
                    SessionCipher c = cipher;
                    if (c != null) {
                        try {
                            chunk = c.encrypt(chunk);
                        } catch (GeneralSecurityException e) {
                            throw new IOException("Gangway could not encrypt for the Session Manager session.", e);
                        }
                    }
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
        if (exitCode != null) {
            return exitCode;
        }
        // A command whose exit status did not arrive has no status to report; a shell that ended normally, 0.
        return closedNormally && !command ? 0 : null;
    }

    /** Why the session ended early (it could not be resumed, it timed out, ...), if it did; for the user. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String endReason() {
        return failure;
    }

    @Override
    public boolean reportsExitStatus() {
        return exitCode != null;
    }

    @Override
    public boolean connectionOpen() {
        WebSocket ws = sends.socket();
        return ws != null && !ws.isInputClosed();
    }

    /**
     * Ends the session: the channel closes, and a session the agent did not end is terminated
     * (TerminateSession) so that nothing keeps running on the instance; waits at most a few seconds.
     */
    @Override
    public void close() {
        closing = true;
        sends.then(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "closed")).orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        boolean agentEnded = closedNormally;
        end();
        if (!agentEnded) {
            CompletableFuture.runAsync(() -> service.terminate(sessionId)).orTimeout(3, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }
}
