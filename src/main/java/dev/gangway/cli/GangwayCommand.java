package dev.gangway.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gangway}: without a subcommand it opens the window; with one it runs in the shell. */
@Command(name = "gangway",
        mixinStandardHelpOptions = true,
        versionProvider = GangwayCommand.Version.class,
        description = {"Gets you onto your EC2 instances: SSH, Remote Desktop, security groups.",
                "Without a command, opens the Gangway window."},
        subcommands = {ListCommand.class, SandboxCommand.class, CommandLine.HelpCommand.class})
public final class GangwayCommand implements Callable<Integer> {

    /** Opens the window; the app supplies it so the CLI never loads JavaFX. */
    public interface GuiLauncher {
        int launch(boolean sandbox);
    }

    @Option(names = "--sandbox", description = "Open on the built-in sandbox cloud even when AWS credentials exist.")
    boolean sandbox;

    private final GuiLauncher gui;

    public GangwayCommand(GuiLauncher gui) {
        this.gui = gui;
    }

    @Override
    public Integer call() {
        return gui.launch(sandbox);
    }

    /** Exit codes, as README documents them. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int PARTIAL = 3;

    public static CommandLine commandLine(GuiLauncher gui) {
        CommandLine cl = new CommandLine(new GangwayCommand(gui));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("gangway: " + ex.getMessage()));
            return FAILED;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = GangwayCommand.class.getPackage().getImplementationVersion();
            return new String[] {"gangway " + (v == null ? "development build" : v)};
        }
    }
}
