package dev.gangway.eice;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.connect.EndSignal;
import dev.gangway.connect.Forward;
import dev.gangway.connect.LocalListener;
import dev.gangway.instance.Instance;

/**
 * A tunnel through an EC2 Instance Connect Endpoint: a local port on 127.0.0.1 whose every
 * connection gets a WebSocket of its own to the endpoint ({@code /openTunnel}, a fresh presigned
 * URL each), carrying its bytes raw in binary frames to a port of the instance's private address.
 * A text frame or a close code other than 1000 is the endpoint's refusal, kept as {@link #failure()}.
 * The first WebSocket is opened at once, so a refusal (permissions, a port the endpoint does not
 * carry) is said before any client connects, and the first connection does not wait for it.
 */
public final class EndpointTunnel implements Forward {

    private static final Logger LOG = Logger.getLogger(EndpointTunnel.class.getName());
    /** The most one binary frame carries (as the AWS CLI reads). */
    static final int FRAME = 65_000;
    static final Duration CONNECT = Duration.ofSeconds(15);
    /** How long the WebSocket opened ahead waits for a first connection before it is closed. */
    static final Duration SPARE = Duration.ofSeconds(30);
    /** AWS ends every tunnel connection after this long (the default and the most a URL may ask). */
    static final Duration MAX_CONNECTION = Duration.ofHours(1);

    /**
     * The WebSocket client, made when the first tunnel opens: its selector thread, idle in native
     * code, would hold up the exit of every shell command by 300 ms (the JVM waits that long for
     * threads in native code) and its TLS set-up would cost each one 60 ms (issue 25).
     */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newHttpClient();
    }

    private final CloudAccess access;
    private final Instance instance;
    private final ConnectEndpoints.Endpoint endpoint;
    private final String address;
    private final int remotePort;
    private final URI base;
    private final LocalListener listener;
    /** How long the endpoint keeps each connection: AWS's hour unless asked for less. */
    private final Duration maxConnection;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final EndSignal end = new EndSignal();
    private volatile String failure;
    private volatile boolean closed;
    private Link spare;
    private Instant spareSince;

    private EndpointTunnel(CloudAccess access, Instance instance, ConnectEndpoints.Endpoint endpoint, String address,
            int remotePort, LocalListener listener, Duration maxConnection) {
        this.access = access;
        this.maxConnection = maxConnection;
        this.instance = instance;
        this.endpoint = endpoint;
        this.address = address;
        this.remotePort = remotePort;
        this.listener = listener;
        // Where EC2's calls go when an endpoint is set (the sandbox, AWS_ENDPOINT_URL, a profile's endpoint_url: a
        // local emulator), the tunnels go too: never to the real AWS name an emulator's endpoint reports.
        this.base = access.ec2(instance.profile(), instance.region()).serviceClientConfiguration().endpointOverride()
                .map(e -> URI.create(("https".equals(e.getScheme()) ? "wss" : "ws") + "://" + e.getRawAuthority()))
                .orElse(URI.create("wss://" + endpoint.dnsName()));
    }

    /**
     * Opens a tunnel from {@code localPort} (0: any free port) to {@code remotePort} of
     * {@code instance}'s private address, through the Instance Connect Endpoint in its VPC.
     *
     * @throws CloudException when no endpoint reaches the instance, or the endpoint refuses
     * @throws IOException when the local port is taken or the endpoint cannot be reached
     */
    public static EndpointTunnel open(CloudAccess access, Instance instance, int remotePort, int localPort)
            throws CloudException, IOException, InterruptedException {
        return open(access, instance, remotePort, localPort, MAX_CONNECTION);
    }

    /**
     * As above, each connection kept by the endpoint for at most {@code maxConnection} (1 s to one
     * hour, AWS's default and longest); one that reaches it is ended by the endpoint, which
     * {@link #failure()} then says, so a terminal can offer to connect again.
     */
    public static EndpointTunnel open(CloudAccess access, Instance instance, int remotePort, int localPort,
            Duration maxConnection) throws CloudException, IOException, InterruptedException {
        if (maxConnection.compareTo(Duration.ofSeconds(1)) < 0 || maxConnection.compareTo(MAX_CONNECTION) > 0) {
            throw new IllegalArgumentException("an endpoint keeps a connection from 1 s to one hour");
        }
        String address = instance.privateIp() != null ? instance.privateIp()
                : instance.ipv6Addresses().stream().findFirst().orElseThrow(() -> new CloudException(instance.label()
                        + " has no private address for an Instance Connect Endpoint to reach."));
        ConnectEndpoints.Endpoint endpoint = ConnectEndpoints.find(access, instance);
        LocalListener listener = LocalListener.bind(localPort);
        EndpointTunnel tunnel = new EndpointTunnel(access, instance, endpoint, address, remotePort, listener,
                maxConnection);
        try {
            Link first = tunnel.dial();
            synchronized (tunnel) {
                tunnel.spare = first;
                tunnel.spareSince = Instant.now();
            }
            CompletableFuture.delayedExecutor(SPARE.toMillis(), TimeUnit.MILLISECONDS).execute(tunnel::dropStaleSpare);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        listener.start("gangway-eice-" + listener.port(), tunnel::carry, false, () -> { });
        return tunnel;
    }

    public ConnectEndpoints.Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public String host() {
        return listener.host();
    }

    @Override
    public int port() {
        return listener.port();
    }

    @Override
    public String route() {
        return "Instance Connect Endpoint";
    }

    @Override
    public String destination() {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + remotePort;
    }

    @Override
    public int openConnections() {
        return listener.openConnections();
    }

    @Override
    public long bytesSent() {
        return sent.get();
    }

    @Override
    public long bytesReceived() {
        return received.get();
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** A tunnel of this kind ends only when closed: each connection has its own WebSocket. */
    @Override
    public Optional<String> endReason() {
        return Optional.empty();
    }

    @Override
    public boolean endedByItself() {
        return false;
    }

    @Override
    public void onEnd(Runnable l) {
        end.onEnd(l);
    }

    /** One accepted connection: the WebSocket opened ahead if still fresh, else a new one. */
    private void carry(Socket local) throws IOException {
        Link link;
        synchronized (this) {
            link = spare;
            spare = null;
        }
        if (link == null || link.finished()) {
            try {
                link = dial();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped while the tunnel opened");
            } catch (CloudException | IOException e) {
                failure = e.getMessage();
                throw new IOException(e.getMessage(), e);
            }
        }
        link.attach(local);
    }

    private void dropStaleSpare() {
        Link stale;
        synchronized (this) {
            if (closed) {
                return;
            }
            stale = spare != null && Duration.between(spareSince, Instant.now()).compareTo(SPARE) >= 0 ? spare : null;
            if (stale != null) {
                spare = null;
            }
        }
        if (stale != null) {
            stale.close();
        }
    }

    /** A new WebSocket to the endpoint, by a URL presigned now. */
    private Link dial() throws CloudException, IOException, InterruptedException {
        URI url = TunnelUrl.presign(base, endpoint.id(), remotePort, address,
                maxConnection.equals(MAX_CONNECTION) ? null : maxConnection,
                access.credentials(instance.profile()).resolveCredentials(), instance.region(), Clock.systemUTC());
        Link link = new Link();
        CompletableFuture<WebSocket> opening = Http.CLIENT.newWebSocketBuilder().connectTimeout(CONNECT)
                .buildAsync(url, link);
        try {
            opening.get(CONNECT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            opening.thenAccept(WebSocket::abort);
            throw new IOException("The Instance Connect Endpoint " + endpoint.id() + " did not answer within "
                    + CONNECT.toSeconds() + " s.");
        } catch (ExecutionException e) {
            throw EndpointWords.refusal(e.getCause(), endpoint, remotePort);
        }
        links.add(link);
        return link;
    }

    /** Stops listening and ends every connection (each WebSocket closes). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        listener.close();
        links.forEach(Link::close);
        synchronized (this) {
            spare = null;
        }
        end.end();
    }

    /** One connection's WebSocket; bytes that arrive before its local connection are held (SSH's banner). */
    private final class Link implements WebSocket.Listener {
        private final Instant opened = Instant.now();
        private volatile WebSocket ws;
        private Socket local;
        private byte[] held;
        private volatile boolean finished;

        boolean finished() {
            return finished;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            Socket to;
            synchronized (this) {
                if (local == null) {
                    held = held == null ? bytes : concat(held, bytes);
                    webSocket.request(1);
                    return null;
                }
                to = local;
            }
            write(to, bytes);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            failure = "The Instance Connect Endpoint sent a message instead of the connection's bytes: " + data;
            webSocket.abort();
            end();
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
            if (code != WebSocket.NORMAL_CLOSURE && code != 1005) {
                failure = "The Instance Connect Endpoint closed the connection: "
                        + (reason == null || reason.isBlank() ? "close code " + code : reason);
            } else if (EndpointWords.reachedLimit(opened, Instant.now(), maxConnection)) {
                failure = EndpointWords.limitReached(maxConnection);
            }
            end();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closed) {
                failure = "The connection to the Instance Connect Endpoint was lost: " + error.getMessage();
            }
            end();
        }

        /** Joins {@code s} to this WebSocket: what was held first, then both ways until either ends. */
        void attach(Socket s) throws IOException {
            byte[] first;
            synchronized (this) {
                local = s;
                first = held;
                held = null;
            }
            if (finished) {
                listener.closeQuietly(s);
                return;
            }
            if (first != null) {
                write(s, first);
            }
            InputStream in = s.getInputStream();
            Thread pump = new Thread(() -> toEndpoint(in), "gangway-eice-pump-" + s.getPort());
            pump.setDaemon(true);
            pump.start();
        }

        /** The local client's bytes to the endpoint, one frame in flight (as the AWS CLI sends). */
        private void toEndpoint(InputStream in) {
            byte[] buffer = new byte[FRAME];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    ws.sendBinary(ByteBuffer.wrap(buffer, 0, n), true).get();
                    sent.addAndGet(n);
                }
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
            } catch (IOException | ExecutionException e) {
                LOG.log(Level.FINE, "a connection through the Instance Connect Endpoint ended", e);
                ws.abort();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ws.abort();
            }
            end();
        }

        private void write(Socket to, byte[] bytes) {
            try {
                OutputStream out = to.getOutputStream();
                out.write(bytes);
                out.flush();
                received.addAndGet(bytes.length);
            } catch (IOException e) {
                ws.abort();
                end();
            }
        }

        void close() {
            WebSocket w = ws;
            if (w != null) {
                w.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((x, e) -> w.abort());
            }
            end();
        }

        private void end() {
            finished = true;
            links.remove(this);
            Socket s;
            synchronized (this) {
                s = local;
            }
            if (s != null) {
                listener.closeQuietly(s);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
