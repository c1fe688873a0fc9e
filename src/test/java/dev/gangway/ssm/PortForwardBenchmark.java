package dev.gangway.ssm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.aws.CloudAccess;
import dev.gangway.instance.Instance;
import dev.gangway.sandbox.SandboxCloud;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.testsupport.OpenSshServer;
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
            double one;
            double eight;
            try (PortForward forward = PortForward.open(access, web, null, 5432, 0)) {
                mbPerSecond(forward.port(), 1); // warm-up
                one = mbPerSecond(forward.port(), 1);
                eight = mbPerSecond(forward.port(), 8);
            }
            double[] sshL = sshMinusL(sink.getLocalPort());
            double[] plugin = plugin(sandbox, web);
            System.out.printf("BENCH Session Manager forward, %d MB per connection to a loopback sink: one connection "
                    + "%.1f MB/s, 8 at once %.1f MB/s in all; OpenSSH ssh -L to the same sink %.1f and %.1f MB/s (the "
                    + "forward at %.2fx and %.2fx); %s; plain loopback TCP %.0f and %.0f MB/s%n", MB, one, eight,
                    sshL[0], sshL[1], one / sshL[0], eight / sshL[1], plugin == null
                            ? "aws ssm start-session + session-manager-plugin: not on the PATH, not measured"
                            : String.format("AWS's plugin through the same sandbox %.1f and %.1f MB/s (the forward at "
                                    + "%.2fx and %.2fx)", plugin[0], plugin[1], one / plugin[0], eight / plugin[1]),
                    plain, plain8);
        }
    }

    /** {@code ssh -N -L} through Debian's sshd on loopback to the sink: one connection, then 8, MB/s. */
    private double[] sshMinusL(int sinkPort) throws Exception {
        Path key = data.resolve("id_ed25519");
        OpenSshServer.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        try (OpenSshServer sshd = OpenSshServer.start(data.resolve("sshd"), List.of(Path.of(key + ".pub")))) {
            Path knownHosts = data.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port + " " + Files.readString(Path.of(sshd.hostKey + ".pub")));
            int local;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                local = free.getLocalPort();
            }
            Process ssh = new ProcessBuilder("ssh", "-N", "-o", "StrictHostKeyChecking=yes", "-o",
                    "UserKnownHostsFile=" + knownHosts, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i",
                    key.toString(), "-p", Integer.toString(sshd.port), "-L", local + ":127.0.0.1:" + sinkPort,
                    System.getProperty("user.name") + "@127.0.0.1").redirectErrorStream(true).start();
            try {
                awaitListening(local);
                mbPerSecond(local, 1);
                return new double[] {mbPerSecond(local, 1), mbPerSecond(local, 8)};
            } finally {
                ssh.destroy();
            }
        }
    }

    /** aws ssm start-session with AWS's plugin (when on the PATH) forwarding the same port: MB/s, or null. */
    private static double[] plugin(SandboxCloud sandbox, Instance web) throws Exception {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= Path.of(dir, "session-manager-plugin").toFile().canExecute();
        }
        if (!found) {
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder("aws", "ssm", "start-session", "--target", web.id(), "--endpoint-url",
                sandbox.endpoint().toString(), "--document-name", "AWS-StartPortForwardingSession", "--parameters",
                "portNumber=5432,localPortNumber=0").redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", sandbox.credentials().resolveCredentials().accessKeyId());
        pb.environment().put("AWS_SECRET_ACCESS_KEY", sandbox.credentials().resolveCredentials().secretAccessKey());
        pb.environment().put("AWS_DEFAULT_REGION", SandboxCloud.HOME_REGION);
        pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Matcher m = null;
            for (String line; (line = out.readLine()) != null;) {
                m = Pattern.compile("Port (\\d+) opened").matcher(line);
                if (m.find()) {
                    break;
                }
                m = null;
            }
            if (m == null) {
                return null;
            }
            int port = Integer.parseInt(m.group(1));
            mbPerSecond(port, 1);
            return new double[] {mbPerSecond(port, 1), mbPerSecond(port, 8)};
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }

    private static void awaitListening(int port) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                LockSupport.parkNanos(20_000_000);
            }
        }
        throw new IllegalStateException("ssh -L did not listen on " + port);
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
