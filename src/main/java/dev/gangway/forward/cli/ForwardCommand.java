package dev.gangway.forward.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.gangway.cli.Converters;
import dev.gangway.cli.ExitCodes;
import dev.gangway.cli.InstanceContext;
import dev.gangway.cli.InstanceOptions;
import dev.gangway.connect.CannotConnect;
import dev.gangway.connect.Forward;
import dev.gangway.connect.Reachability;
import dev.gangway.eice.EndpointTunnel;
import dev.gangway.instance.Instance;
import dev.gangway.ssm.PortForward;

/**
 * {@code gangway forward}: a port of an instance (or of a host it reaches) on a local port, over
 * Session Manager or through an Instance Connect Endpoint.
 */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = {"Forwards an instance's port (or one it reaches) to 127.0.0.1.",
                "Forwards a port of an instance, or of a host the instance reaches (--to, e.g. an RDS "
                + "endpoint), to a port on 127.0.0.1 over AWS Systems Manager Session Manager: no open port, no "
                + "address and no key needed; or, with --via eice, port 22 or 3389 of its private address through "
                + "the Instance Connect Endpoint in its VPC. Prints the local address and runs until Ctrl+C.",
                "Exit status: 130 when stopped with Ctrl+C (as for any program the shell interrupts); 0 when "
                        + "--stdio's connection ends; 255 when the session could not start or was lost; 1 when the "
                        + "instance cannot be used; 2 bad arguments."})
public final class ForwardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instanceOptions;

    @Parameters(index = "1", paramLabel = "REMOTE_PORT", description = "The port to reach (on the instance, or on --to).")
    int remotePort;

    @Option(names = "--to", paramLabel = "HOST", description = "A host the instance reaches (RDS, another private host).")
    String host;

    @Option(names = "--local", paramLabel = "PORT", description = "The local port on 127.0.0.1. Default: any free port.")
    int localPort;

    @Option(names = "--stdio", description = "Carry standard input and output to the port instead of listening on "
            + "one (for ssh's ProxyCommand: ssh -o ProxyCommand='gangway forward %%h %%p --via eice --stdio' USER@INSTANCE). "
            + "Ends when either side closes.")
    boolean stdio;

    /** The connection's bytes with --stdio: this process's own streams. */
    InputStream stdin = System.in;
    OutputStream stdout = System.out;

    @Option(names = "--via", paramLabel = "ROUTE", converter = Converters.Via.class,
            description = "ssm: over Session Manager (the instance's agent must be online); eice: through the "
                    + "Instance Connect Endpoint in the instance's VPC (ports 22 and 3389, no --to). Default: ssm.")
    Converters.Route via = Converters.Route.SSM;

    /** Counted down to stop (Ctrl+C's shutdown hook, or a test). */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (remotePort < 1 || remotePort > 65535 || localPort < 0 || localPort > 65535) {
            throw new ParameterException(spec.commandLine(), "Ports are 1 to 65535 (--local 0: any free port).");
        }
        if (via == Converters.Route.DIRECT) {
            throw new ParameterException(spec.commandLine(), "A forward needs a route that carries it: --via ssm "
                    + "(Session Manager) or --via eice (an Instance Connect Endpoint).");
        }
        if (via == Converters.Route.EICE && host != null) {
            throw new ParameterException(spec.commandLine(), "An Instance Connect Endpoint reaches the instance's own "
                    + "ports only: drop --to, or use --via ssm.");
        }
        if (stdio && localPort != 0) {
            throw new ParameterException(spec.commandLine(), "--stdio carries standard input and output: it listens on "
                    + "no local port, so drop --local.");
        }
        try (InstanceContext context = instanceOptions.open(err)) {
            Instance instance = context.instance();
            if (!instance.isManagedNode()) {
                try {
                    // A stopped or terminated instance: said as such, not as an agent that does not answer.
                    Reachability.requireRunning(instance);
                } catch (CannotConnect e) {
                    err.println("gangway: " + e.getMessage());
                    return ExitCodes.FAILED;
                }
            }
            Forward forward;
            String how;
            try {
                if (stdio) {
                    // One connection: an endpoint's tunnel, or SSH's own session document over Session Manager.
                    forward = via == Converters.Route.EICE
                            ? EndpointTunnel.open(context.connect().access(), instance, remotePort, 0)
                            : host == null ? PortForward.openSsh(context.connect().access(), instance, remotePort)
                            : PortForward.open(context.connect().access(), instance, host, remotePort, 0);
                    return carryStdio(forward, err);
                }
                if (via == Converters.Route.EICE) {
                    EndpointTunnel tunnel = EndpointTunnel.open(context.connect().access(), instance, remotePort,
                            localPort);
                    forward = tunnel;
                    how = "through Instance Connect Endpoint " + tunnel.endpoint().id();
                } else {
                    PortForward session = PortForward.open(context.connect().access(), instance, host, remotePort,
                            localPort);
                    forward = session;
                    how = "over Session Manager (session " + session.sessionId() + ")";
                }
            } catch (IOException e) {
                err.println("gangway: " + e.getMessage());
                return ExitCodes.CONNECTION_FAILED;
            }
            // Ctrl+C: the JVM ends once its hooks have, so the forward (and its session on AWS) is closed in the hook.
            Thread hook = new Thread(() -> {
                stop.countDown();
                forward.close();
            }, "gangway-forward-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try (forward) {
                out.println("Forwarding 127.0.0.1:" + forward.port() + " to " + forward.destination() + " on "
                        + instance.label() + " " + how + ".");
                out.println("Press Ctrl+C to stop.");
                out.flush();
                String told = null;
                while (!stop.await(500, TimeUnit.MILLISECONDS)) {
                    if (!forward.isOpen()) {
                        err.println("gangway: the " + forward.route() + " session of the forward ended"
                                + forward.endReason().map(r -> ": " + r).orElse("."));
                        return ExitCodes.CONNECTION_FAILED;
                    }
                    // A connection the far end could not carry is said once (the forward goes on).
                    String failure = forward.failure().orElse(null);
                    if (failure != null && !failure.equals(told)) {
                        err.println("gangway: a connection ended: " + failure);
                        err.flush();
                        told = failure;
                    }
                }
                return ExitCodes.OK;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl+C: the JVM is on its way out, the forward closes above
                }
            }
        }
    }

    /** Standard input to the tunnel, the tunnel to standard output, until either ends; nothing else is written there. */
    private int carryStdio(Forward forward, PrintWriter err) throws IOException {
        try (forward; Socket s = new Socket(forward.host(), forward.port())) {
            Thread up = new Thread(() -> {
                try {
                    stdin.transferTo(s.getOutputStream());
                    s.shutdownOutput();
                } catch (IOException e) {
                    // the connection ended
                }
            }, "gangway-forward-stdin");
            up.setDaemon(true);
            up.start();
            byte[] buffer = new byte[16384];
            InputStream in = s.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                stdout.write(buffer, 0, n);
                stdout.flush();
            }
            forward.failure().ifPresent(f -> err.println("gangway: " + f));
            return ExitCodes.OK;
        }
    }
}
