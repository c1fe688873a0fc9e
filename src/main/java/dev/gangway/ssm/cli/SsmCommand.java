package dev.gangway.ssm.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.gangway.cli.ExitCodes;
import dev.gangway.cli.InstanceContext;
import dev.gangway.cli.InstanceOptions;
import dev.gangway.instance.Instance;
import dev.gangway.ssm.SessionService;
import dev.gangway.ssm.SsmSessions;
import dev.gangway.ssm.SsmShell;
import dev.gangway.ssm.SsmShellOpener;
import dev.gangway.terminal.cli.LocalTerminal;
import dev.gangway.terminal.cli.TerminalBridge;

/** {@code gangway ssm}: a shell or a command on an instance over Session Manager: no address, port or key. */
@Command(name = "ssm", mixinStandardHelpOptions = true,
        description = {"Opens a shell or runs a command over Session Manager (no key).",
                "Over AWS Systems Manager Session Manager the instance needs no address, no open port and no key: "
                + "its SSM agent connects out to AWS, and IAM decides who may start a session.",
                "Exit status: the remote command's; 255 when the session could not run; 1 when the instance "
                        + "cannot be used; 2 bad arguments."})
public final class SsmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instanceOptions;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command to run (put it after --).")
    List<String> command = new ArrayList<>();

    Console console = System.console();
    /** Why the session ended early, as the shell said it. */
    private Optional<String> lost = Optional.empty();
    InputStream remoteIn = System.in;
    OutputStream remoteOut = System.out;
    OutputStream remoteErr = System.err;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        LocalTerminal.requireFor(spec, command.isEmpty(), console, "ssm", instanceOptions.instanceRef);
        try (InstanceContext context = instanceOptions.open(err)) {
            Instance instance = context.instance();
            SsmSessions.Started session = SsmSessions.start(context.connect().access(), instance,
                    command.isEmpty() ? null : String.join(" ", command));
            SessionService service = SsmSessions.service(context.connect().access(), instance);
            Integer status;
            try {
                status = command.isEmpty() ? interactive(session, service, err) : run(session, service);
            } catch (IOException e) {
                err.println("gangway: " + e.getMessage());
                return ExitCodes.CONNECTION_FAILED;
            } finally {
                Arrays.fill(session.token(), '\0');
            }
            if (status == null) {
                err.println("gangway: " + lost.orElse(command.isEmpty() ? "the Session Manager session was lost."
                        : "the command's exit status did not arrive: the Session Manager session was lost."));
                return ExitCodes.CONNECTION_FAILED;
            }
            return status;
        }
    }

    /** The command's output and errors as they come; its exit status as the agent sent it. */
    private Integer run(SsmSessions.Started session, SessionService service) throws IOException, InterruptedException {
        try (SsmShell shell = SsmShell.open(session, service, 80, 24, SsmShellOpener.HANDSHAKE)) {
            Thread errors = new Thread(() -> {
                try {
                    shell.errors().transferTo(remoteErr);
                    remoteErr.flush();
                } catch (IOException e) {
                    // Nothing more to show.
                }
            }, "gangway-ssm-stderr");
            errors.setDaemon(true);
            errors.start();
            shell.output().transferTo(remoteOut);
            remoteOut.flush();
            Integer status = shell.awaitEnd();
            lost = shell.failure();
            errors.join(5_000);
            return status;
        }
    }

    /** A shell in this terminal, its size following the terminal's. */
    private Integer interactive(SsmSessions.Started session, SessionService service, PrintWriter err)
            throws IOException, InterruptedException {
        Optional<LocalTerminal> raw = LocalTerminal.rawMode();
        if (raw.isEmpty()) {
            err.println("gangway: this terminal cannot be switched to raw mode; give a command after --.");
            return ExitCodes.FAILED;
        }
        try (LocalTerminal terminal = raw.get()) {
            int[] size = terminal.size();
            try (SsmShell shell = SsmShell.open(session, service, size[0], size[1], SsmShellOpener.HANDSHAKE)) {
                Integer status = TerminalBridge.run(shell, terminal, remoteIn, remoteOut);
                lost = shell.failure();
                return status;
            }
        }
    }
}
