package dev.gangway.sandbox.eice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One Instance Connect Endpoint tunnel: the WebSocket's binary frames go to the instance's port and
 * what the port sends comes back in binary frames (at most 65,000 bytes each), until either side
 * closes or the tunnel's maximum duration passes. A port nobody listens on ends it with close code
 * 1011 and the reason. A public class: Jetty finds its methods through a public lookup.
 */
public final class TunnelSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = Logger.getLogger(TunnelSocket.class.getName());
    private static final int FRAME = 65_000;
    /** Ends tunnels at their maximum duration; a tunnel that ends first takes its timer out (nothing held for an hour). */
    private static final ScheduledThreadPoolExecutor TIMERS = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "sandbox-eice-timer");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMERS.setRemoveOnCancelPolicy(true);
    }

    private final Optional<Integer> loopbackPort;
    private final String destination;
    private final Duration maxDuration;
    private volatile Session session;
    private volatile Socket target;
    private volatile ScheduledFuture<?> timer;

    TunnelSocket(Optional<Integer> loopbackPort, String destination, Duration maxDuration) {
        this.loopbackPort = loopbackPort;
        this.destination = destination;
        this.maxDuration = maxDuration;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        if (loopbackPort.isEmpty()) {
            s.close(1011, "Failed to connect to " + destination + ": the address does not answer on that port.",
                    Callback.NOOP);
            return;
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), loopbackPort.get()), 5_000);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            close(socket);
            s.close(1011, "Failed to connect to " + destination + ": connection refused.", Callback.NOOP);
            return;
        }
        target = socket;
        timer = TIMERS.schedule(() -> s.close(1000, "The tunnel reached its maximum duration.", Callback.NOOP),
                maxDuration.toMillis(), TimeUnit.MILLISECONDS);
        Thread reader = new Thread(this::toClient, "sandbox-eice-" + loopbackPort.get());
        reader.setDaemon(true);
        reader.start();
    }

    /** The instance's bytes to the client, one frame in flight. */
    private void toClient() {
        byte[] buffer = new byte[FRAME];
        try (InputStream in = target.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                Callback.Completable sent = new Callback.Completable();
                session.sendBinary(ByteBuffer.wrap(Arrays.copyOf(buffer, n)), sent);
                sent.get();
            }
            session.close(1000, "", Callback.NOOP);
        } catch (IOException | ExecutionException e) {
            LOG.log(Level.FINE, "an Instance Connect Endpoint tunnel ended", e);
            session.close(1000, "", Callback.NOOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        Socket socket = target;
        try {
            if (socket != null) {
                OutputStream out = socket.getOutputStream();
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                out.write(bytes);
                out.flush();
            }
            callback.succeed();
        } catch (IOException e) {
            callback.succeed();
            session.close(1011, "The connection to " + destination + " was lost.", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String message) {
        session.close(1003, "Only binary frames are carried.", Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        ended();
        Socket socket = target;
        if (socket != null) {
            close(socket);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        ended();
        Socket socket = target;
        if (socket != null) {
            close(socket);
        }
    }

    private void ended() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
    }
}
