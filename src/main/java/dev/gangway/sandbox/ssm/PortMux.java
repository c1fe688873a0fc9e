package dev.gangway.sandbox.ssm;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.gangway.ssm.protocol.SmuxFrame;

/**
 * The agent's side of a multiplexed port session: an smux server over the data channel. Each
 * stream the client opens (SYN) is a TCP connection to the session's destination on 127.0.0.1;
 * its bytes go both ways in PSH frames, and FIN (from either end) closes it alone. A destination
 * that cannot be reached is reported with Flag ConnectToPortError, as the agent does.
 */
final class PortMux implements PortBridge {

    private static final Logger LOG = Logger.getLogger(PortMux.class.getName());

    private final Channel channel;
    private final Supplier<Optional<Integer>> destination;
    private final SmuxFrame.Reader reader = new SmuxFrame.Reader();
    private final Map<Long, Stream> streams = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final ScheduledExecutorService keepalive;
    private volatile long lastFrame = System.nanoTime();

    /** One stream: its connection, and a writer of its own so that a slow destination holds up only it. */
    private static final class Stream {
        final Socket socket;
        final ExecutorService writer;

        Stream(Socket socket, long id) {
            this.socket = socket;
            this.writer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sandbox-port-write-" + id);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /**
     * @param destination the loopback port the session's destination listens on, if it exists
     * @param keepAlive   smux's keepalive: a NOP every 10 s, and the session ended when nothing
     *                    at all came from the client for 30 s (an agent before 3.1.1575.0, or an old client)
     */
    PortMux(Channel channel, Supplier<Optional<Integer>> destination, boolean keepAlive) {
        this.channel = channel;
        this.destination = destination;
        if (keepAlive) {
            keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sandbox-smux-keepalive");
                t.setDaemon(true);
                return t;
            });
            long second = SmuxFrame.keepAliveUnit();
            long interval = SmuxFrame.KEEPALIVE_INTERVAL * second;
            long timeout = SmuxFrame.KEEPALIVE_TIMEOUT * second;
            keepalive.scheduleAtFixedRate(() -> channel.send(SmuxFrame.nop().encode()), interval, interval,
                    TimeUnit.MILLISECONDS);
            keepalive.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastFrame > TimeUnit.MILLISECONDS.toNanos(timeout)) {
                    // smux closes the session itself; the agent's port session ends with it.
                    close();
                    channel.end("");
                }
            }, timeout, timeout, TimeUnit.MILLISECONDS);
        } else {
            keepalive = null;
        }
    }

    /** Bytes from the client (Output payloads, in order). */
    @Override
    public void feed(byte[] bytes) throws SmuxFrame.ProtocolError {
        lastFrame = System.nanoTime();
        for (SmuxFrame f : reader.feed(bytes)) {
            switch (f.command()) {
                case SYN -> open(f.streamId());
                case PSH -> {
                    Stream s = streams.get(f.streamId());
                    if (s != null && f.data().length > 0) {
                        s.writer.execute(() -> {
                            try {
                                s.socket.getOutputStream().write(f.data());
                            } catch (IOException e) {
                                finish(f.streamId(), true);
                            }
                        });
                    }
                }
                case FIN -> {
                    Stream s = streams.get(f.streamId());
                    if (s != null) {
                        // What was written before the FIN still goes out first.
                        s.writer.execute(() -> finish(f.streamId(), false));
                    }
                }
                case NOP -> {
                    // keepalive
                }
            }
        }
    }

    private void open(long id) {
        if (streams.containsKey(id) || closed) {
            return;
        }
        Optional<Integer> port = destination.get();
        Socket socket;
        try {
            if (port.isEmpty()) {
                throw new IOException("no destination");
            }
            socket = new Socket(InetAddress.getLoopbackAddress(), port.get());
        } catch (IOException e) {
            channel.connectError();
            channel.send(SmuxFrame.fin(id).encode());
            return;
        }
        Stream s = new Stream(socket, id);
        streams.put(id, s);
        Thread reader = new Thread(() -> pump(id, s), "sandbox-port-read-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    /** The destination's bytes to the client, in PSH frames; at its end, FIN. */
    private void pump(long id, Stream s) {
        byte[] buffer = new byte[SmuxFrame.MAX_DATA];
        try (InputStream in = s.socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    channel.send(SmuxFrame.psh(id, Arrays.copyOf(buffer, n)).encode());
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "sandbox port stream ended", e);
        }
        finish(id, true);
    }

    /** Closes stream {@code id}; tells the client when the end came from this side. */
    private void finish(long id, boolean tellClient) {
        Stream s = streams.remove(id);
        if (s == null) {
            return;
        }
        try {
            s.socket.close();
        } catch (IOException e) {
            // closed anyway
        }
        s.writer.shutdown();
        if (tellClient && !closed) {
            channel.send(SmuxFrame.fin(id).encode());
        }
    }

    @Override
    public void disconnect() {
        // Basic mode's flag: each stream has its own FIN here.
    }

    @Override
    public void close() {
        closed = true;
        if (keepalive != null) {
            keepalive.shutdown();
        }
        for (Long id : streams.keySet()) {
            finish(id, false);
        }
    }
}
