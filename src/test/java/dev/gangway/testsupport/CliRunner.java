package dev.gangway.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

import picocli.CommandLine;

import dev.gangway.app.GangwayCommand;

/**
 * Runs one {@code gangway} command as the shell would, on the sandbox, with its output and errors
 * kept for the test. {@code setUp} replaces what the test must not use (the console, the OS).
 */
public final class CliRunner<C> {

    private final String command;
    private final Class<C> type;
    private final Consumer<C> setUp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    public CliRunner(String command, Class<C> type, Consumer<C> setUp) {
        this.command = command;
        this.type = type;
        this.setUp = setUp;
    }

    /** {@code gangway <command> --sandbox <args>}; its exit status. */
    public int run(String... args) {
        CommandLine cl = GangwayCommand.commandLine(options -> 0, command);
        setUp.accept(type.cast(cl.getSubcommands().get(command).getCommand()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = command;
        all[1] = "--sandbox";
        System.arraycopy(args, 0, all, 2, args.length);
        return cl.execute(all);
    }

    /** Forgets what was written so far, before the next run. */
    public void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }
}
