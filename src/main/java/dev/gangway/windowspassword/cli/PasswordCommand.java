package dev.gangway.windowspassword.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.gangway.cli.CommandFailure;
import dev.gangway.cli.ExitCodes;
import dev.gangway.cli.InstanceContext;
import dev.gangway.cli.InstanceOptions;
import dev.gangway.cli.TerminalQuestions;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.instance.Instance;
import dev.gangway.windowspassword.WindowsPasswordException;
import dev.gangway.windowspassword.WindowsPasswords;

/** {@code gangway password}: a Windows instance's administrator password, decrypted here with its key pair. */
@Command(name = "password", mixinStandardHelpOptions = true,
        description = {"Prints a Windows instance's administrator user and password.",
                "The instance is found by instance id or Name tag.",
                "EC2 keeps the password encrypted with the instance's key pair; it is decrypted here with the key "
                + "pair's private key: the .pem file in ~/.ssh or ~/Downloads (checked against EC2's fingerprint), "
                + "the file remembered for the key pair, or --key.",
                "The password is printed only to a terminal, unless --show is given.",
                "Exit status: 0 printed; 1 no password (not available yet, wrong key, not a Windows instance); "
                        + "2 bad arguments."})
public final class PasswordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instanceOptions;

    @Option(names = {"-i", "--key"}, paramLabel = "FILE",
            description = "The key pair's private key (PEM, PKCS#8, OpenSSH or PuTTY .ppk; RSA only).")
    Path key;

    @Option(names = "--show", description = "Print the password even when the output is not a terminal (a pipe or a file).")
    boolean show;

    /** The terminal; null when output goes elsewhere (then the password is printed only with --show). */
    Console console = System.console();
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InstanceOptions.requireKeyFile(key);
        if (console == null && !show) {
            throw new CommandFailure(ExitCodes.USAGE,
                    "the password is printed only to a terminal; add --show to print it into a pipe or file.");
        }
        try (InstanceContext context = instanceOptions.open(err)) {
            Instance instance = context.instance();
            ConnectQuestions questions = console == null ? ConnectQuestions.NONE : new TerminalQuestions(console);
            WindowsPasswords passwords = new WindowsPasswords(context.connect().ec2(), clock);
            try (WindowsPasswords.Credentials credentials = passwords.get(instance, context.loginOptions(key),
                    questions)) {
                KeyFiles.permissionWarning(credentials.keyFile()).ifPresent(w -> err.println("gangway: warning: " + w));
                out.println("User:     " + credentials.user());
                out.print("Password: ");
                out.println(credentials.password());
                out.flush();
                return ExitCodes.OK;
            } catch (WindowsPasswordException e) {
                throw sandboxSaysWhen(e);
            }
        }
    }

    /**
     * Why there is no password. A --sandbox command starts its sandbox anew, win-paris launched a
     * minute before, so there it is never ready (issue 27): said, with where it is.
     */
    private Exception sandboxSaysWhen(WindowsPasswordException e) {
        if (!instanceOptions.sandbox() || e.reason() != WindowsPasswordException.Reason.NOT_READY) {
            return e;
        }
        return new CommandFailure(ExitCodes.FAILED, e.getMessage() + " The sandbox generates it 4 minutes after "
                + "launch; each --sandbox command starts the sandbox anew, so this one never gets there. It is "
                + "ready 4 minutes into the window's sandbox or a `gangway sandbox` run (with the AWS CLI); "
                + "win-app's is ready at once.");
    }
}
