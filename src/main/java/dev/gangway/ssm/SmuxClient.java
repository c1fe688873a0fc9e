package dev.gangway.ssm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.gangway.ssm.protocol.SmuxFrame;

/**
 * The client's side of smux v1 over a port session's data channel, as AWS's plugin runs it: each
 * local connection is a stream (odd ids from 3) opened with SYN, its bytes in PSH frames of at most
 * 32 KB, closed with FIN; the frames go as one byte stream through the channel's Output messages.
 * Keepalive NOPs every 10 s only for agents that still expect them (3.1.1511.0 and older), since an
 * agent with keepalive on closes a session that stays silent for 30 s.
 */
public final class SmuxClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmuxClient.class.getName());

    private final OutputStream toAgent;
    private final Object writing = new Object();
    private final Map<Long, Stream> streams = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong(1);
    private final SmuxFrame.Reader reader = new SmuxFrame.Reader();
    private final ScheduledExecutorService keepalive;
    private volatile boolean closed;

    /** One connection through the tunnel: what the destination sends, and a way to send to it. */
    public final class Stream implements AutoCloseable {
        private final long id;
        private final ByteQueue in = new ByteQueue();
        private final AtomicBoolean finished = new AtomicBoolean();

        Stream(long id) {
            this.id = id;
        }

        public long id() {
            return id;
        }

        /** What the destination sends; ends when it closes its side (FIN). */
        public InputStream input() {
            return in;
        }

        /** Sends to the destination. */
        public OutputStream output() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (finished.get()) {
                        throw new IOException("the connection through the tunnel is closed");
                    }
                    for (SmuxFrame f : SmuxFrame.pshAll(id, b, off, len)) {
                        send(f);
                    }
                }
            };
        }

        /** Closes this connection only (FIN); the others go on. */
        @Override
        public void close() {
            if (finished.compareAndSet(false, true)) {
                streams.remove(id);
                in.end();
                try {
                    send(SmuxFrame.fin(id));
                } catch (IOException e) {
                    // The channel is gone: nothing to tell.
                }
            }
        }

        void remoteClosed() {
            finished.set(true);
            streams.remove(id);
            in.end();
        }
    }

    /**
     * @param fromAgent the channel's Output bytes, in order
     * @param toAgent   where this side's bytes go (the channel's input: Output messages of 1 KB)
     * @param keepAlive send NOPs every 10 s (for agents 3.1.1511.0 and older)
     */
    public SmuxClient(InputStream fromAgent, OutputStream toAgent, boolean keepAlive) {
        this.toAgent = toAgent;
        Thread t = new Thread(() -> read(fromAgent), "gangway-smux-read");
        t.setDaemon(true);
        t.start();
        if (keepAlive) {
            keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread k = new Thread(r, "gangway-smux-keepalive");
                k.setDaemon(true);
                return k;
            });
            long interval = SmuxFrame.KEEPALIVE_INTERVAL * SmuxFrame.keepAliveUnit();
            keepalive.scheduleAtFixedRate(() -> {
                try {
                    send(SmuxFrame.nop());
                } catch (IOException e) {
                    // the channel is gone
                }
            }, interval, interval, TimeUnit.MILLISECONDS);
        } else {
            keepalive = null;
        }
    }

    /** A new connection through the tunnel (SYN); data may follow at once. */
    public Stream open() throws IOException {
        if (closed) {
            throw new IOException("the tunnel is closed");
        }
        Stream s = new Stream(lastId.addAndGet(2));
        streams.put(s.id, s);
        send(SmuxFrame.syn(s.id));
        return s;
    }

    /** Connections open now. */
    public int openStreams() {
        return streams.size();
    }

    /** One frame, whole: the frames of different streams never interleave in the byte stream. */
    private void send(SmuxFrame f) throws IOException {
        synchronized (writing) {
            toAgent.write(f.encode());
        }
    }

    private void read(InputStream fromAgent) {
        byte[] buffer = new byte[65536];
        try {
            int n;
            while ((n = fromAgent.read(buffer)) >= 0) {
                byte[] bytes = Arrays.copyOf(buffer, n);
                List<SmuxFrame> frames = reader.feed(bytes);
                for (SmuxFrame f : frames) {
                    Stream s = streams.get(f.streamId());
                    switch (f.command()) {
                        case PSH -> {
                            if (s != null) {
                                s.in.add(f.data());
                            }
                        }
                        case FIN -> {
                            if (s != null) {
                                s.remoteClosed();
                            }
                        }
                        default -> {
                            // SYN from the agent (it opens none), NOP: nothing to do.
                        }
                    }
                }
            }
        } catch (IOException | SmuxFrame.ProtocolError e) {
            LOG.log(Level.FINE, "the tunnel's multiplexing ended", e);
        }
        close();
    }

    /** Ends every connection; the channel itself is closed by its owner. */
    @Override
    public void close() {
        closed = true;
        if (keepalive != null) {
            keepalive.shutdownNow();
        }
        for (Stream s : List.copyOf(streams.values())) {
            s.remoteClosed();
        }
    }
}
