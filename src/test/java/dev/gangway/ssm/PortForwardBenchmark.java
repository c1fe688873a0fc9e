package dev.gangway.ssm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.aws.CloudAccess;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.testsupport.SandboxInstances;

/**
 * Throughput of one Session Manager forward to a loopback sink through the sandbox's agent: one
 * connection and 8 at once, against a plain loopback TCP copy to the same sink, in one run.
 * {@code ./mvnw -Pbench test -Dtest=PortForwardBenchmark}; README quotes it.
 */
@Tag("bench")
class PortForwardBenchmark {

    static final int MB = 32;

    @TempDir
    Path data;

    @Test
    void oneForwardAgainstPlainLoopback() throws Exception {
        try (ServerSocket sink = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             SandboxCloud sandbox = SandboxCloud.start(SandboxOptions.defaults(data).withSshServers(false));
             CloudAccess access = sandbox.cloudAccess()) {
            Thread t = new Thread(() -> drain(sink), "bench-sink");
            t.setDaemon(true);
            t.start();
            Instance web = SandboxInstances.instance(sandbox, "web-1");
            sandbox.world().exposeService(web.id(), 5432, sink.getLocalPort());
            double plain = mbPerSecond(sink.getLocalPort(), 1);
            double plain8 = mbPerSecond(sink.getLocalPort(), 8);
            try (PortForward forward = PortForward.open(access, web, null, 5432, 0)) {
                mbPerSecond(forward.port(), 1); // warm-up
                double one = mbPerSecond(forward.port(), 1);
                double eight = mbPerSecond(forward.port(), 8);
                System.out.printf("BENCH Session Manager forward, %d MB per connection to a loopback sink: one connection "
                        + "%.1f MB/s, 8 at once %.1f MB/s in all; plain loopback TCP %.0f MB/s and %.0f MB/s: the forward at "
                        + "%.3fx and %.3fx of plain loopback%n", MB, one, eight, plain, plain8, one / plain, eight / plain8);
            }
        }
    }

    /** Bytes the sink has read, over all connections. */
    private static final AtomicLong RECEIVED = new AtomicLong();

    /** MB/s of {@code connections} sending {@value #MB} MB each to {@code port} at once, until the sink has read it all. */
    private static double mbPerSecond(int port, int connections) throws Exception {
        RECEIVED.set(0);
        long total = (long) MB * connections << 20;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        List<Socket> open = new ArrayList<>();
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            open.add(s);
            sent.add(pool.submit(() -> {
                OutputStream out = s.getOutputStream();
                byte[] chunk = new byte[65536];
                for (int n = 0; n < MB * 16; n++) {
                    out.write(chunk);
                }
                out.flush();
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get(10, TimeUnit.MINUTES);
        }
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (RECEIVED.get() < total && System.nanoTime() < until) {
            LockSupport.parkNanos(1_000_000); // a benchmark's wait: 1 ms resolution, no busy core
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Socket s : open) {
            s.close();
        }
        pool.shutdown();
        if (RECEIVED.get() < total) {
            throw new IllegalStateException("the sink read " + RECEIVED.get() + " of " + total + " bytes");
        }
        return (double) MB * connections / seconds;
    }

    private static void drain(ServerSocket sink) {
        while (!sink.isClosed()) {
            try {
                Socket s = sink.accept();
                Thread t = new Thread(() -> {
                    byte[] buffer = new byte[65536];
                    try (s; InputStream in = s.getInputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            RECEIVED.addAndGet(n);
                        }
                    } catch (IOException e) {
                        // the end
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
