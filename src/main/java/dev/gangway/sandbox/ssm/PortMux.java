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
final class PortMux {

    private static final Logger LOG = Logger.getLogger(PortMux.class.getName());

    /** Where the mux's bytes go: Output messages of the data channel, and the error flag. */
    interface Channel {
        /** Sends {@code frame} in Output messages of at most 1024 bytes, none of another frame between them. */
        void send(byte[] frame);

        void connectError();
    }

    private final Channel channel;
    private final Supplier<Optional<Integer>> destination;
    private final SmuxFrame.Reader reader = new SmuxFrame.Reader();
    private final Map<Long, Stream> streams = new ConcurrentHashMap<>();
    private volatile boolean closed;

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

    /** @param destination the loopback port the session's destination listens on, if it exists */
    PortMux(Channel channel, Supplier<Optional<Integer>> destination) {
        this.channel = channel;
        this.destination = destination;
    }

    /** Bytes from the client (Output payloads, in order). */
    void feed(byte[] bytes) throws SmuxFrame.ProtocolError {
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

    void close() {
        closed = true;
        for (Long id : streams.keySet()) {
            finish(id, false);
        }
    }
}
