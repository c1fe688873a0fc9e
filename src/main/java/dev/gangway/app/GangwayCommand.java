package dev.gangway.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.gangway.allowip.cli.AllowMyIpCommand;
import dev.gangway.boot.LaunchOptions;
import dev.gangway.cli.ExitCodeHandler;
import dev.gangway.cli.SandboxCommand;
import dev.gangway.cli.Suggestions;
import dev.gangway.doctor.cli.DoctorCommand;
import dev.gangway.forward.cli.ForwardCommand;
import dev.gangway.inventory.cli.ListCommand;
import dev.gangway.lifecycle.cli.LifecycleCommand;
import dev.gangway.rdp.cli.RdpCommand;
import dev.gangway.ssh.cli.SshCommand;
import dev.gangway.ssm.cli.SsmCommand;
import dev.gangway.windowspassword.cli.PasswordCommand;

/** {@code gangway}: without a subcommand it opens the window; with one it runs in the shell. */
@Command(name = "gangway",
        mixinStandardHelpOptions = true,
        versionProvider = GangwayCommand.Version.class,
        description = {"Gets you onto your EC2 instances: SSH, Remote Desktop, security groups.",
                "Without a command, opens the Gangway window."})
public final class GangwayCommand implements Callable<Integer> {

    /** Opens the window; the app supplies it so the CLI never loads JavaFX. */
    public interface GuiLauncher {
        int launch(LaunchOptions options);
    }

    @Option(names = "--sandbox", description = "Use the built-in sandbox cloud even when AWS credentials exist: the "
            + "window opens on it, a command that follows runs on it.")
    boolean sandbox;

    /** Read by the app's start before picocli runs (it sets up logging); here so every command accepts it. */
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Also print the log lines of Gangway and its libraries here (they always go to the "
                    + "log file in the data folder, logs/gangway-0.log).")
    boolean verbose;

    // Benchmark knobs for the window (hidden): a bigger sandbox, and exit once it is populated.
    @Option(names = "--sandbox-filler", hidden = true, paramLabel = "REGIONSxPER_REGION")
    String sandboxFiller;

    @Option(names = "--no-sandbox-ssh", hidden = true)
    boolean noSandboxSsh;

    @Option(names = "--exit-when-populated", hidden = true)
    boolean exitWhenPopulated;

    private final GuiLauncher gui;

    public GangwayCommand(GuiLauncher gui) {
        this.gui = gui;
    }

    @Override
    public Integer call() {
        return gui.launch(launchOptions());
    }

    /** What the window was asked for, as the value it starts with. */
    LaunchOptions launchOptions() {
        return LaunchOptions.defaults().withSandbox(sandbox).withFiller(sandboxFiller).withSandboxSsh(!noSandboxSsh)
                .withExitWhenPopulated(exitWhenPopulated);
    }

    /**
     * The window's own start, read without picocli when {@code args} hold only the window's options
     * (none at all, as the desktop launchers start it): building picocli's model of the command takes
     * ~150 ms of a cold start. Null when anything else is there; picocli then parses as always.
     */
    public static GangwayCommand windowOnly(GuiLauncher gui, String... args) {
        GangwayCommand command = new GangwayCommand(gui);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--sandbox" -> command.sandbox = true;
                case "--verbose" -> command.verbose = true;
                case "--no-sandbox-ssh" -> command.noSandboxSsh = true;
                case "--exit-when-populated" -> command.exitWhenPopulated = true;
                case "--sandbox-filler" -> {
                    if (i + 1 == args.length) {
                        return null;
                    }
                    command.sandboxFiller = args[++i];
                }
                default -> {
                    if (!arg.startsWith("--sandbox-filler=")) {
                        return null;
                    }
                    command.sandboxFiller = arg.substring("--sandbox-filler=".length());
                }
            }
        }
        return command;
    }

    public static CommandLine commandLine(GuiLauncher gui) {
        return commandLine(gui, null);
    }

    /**
     * As {@link #commandLine(GuiLauncher)}; when {@code firstArg} names a subcommand other than help,
     * only that one is modelled. picocli builds each subcommand's model by reflection before parsing,
     * which is start-up time of every shell command (README, Performance).
     */
    public static CommandLine commandLine(GuiLauncher gui, String firstArg) {
        CommandLine cl = new CommandLine(new GangwayCommand(gui));
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("list", ListCommand::new);
        subcommands.put("ssh", SshCommand::new);
        subcommands.put("ssm", SsmCommand::new);
        subcommands.put("forward", ForwardCommand::new);
        subcommands.put("password", PasswordCommand::new);
        subcommands.put("rdp", RdpCommand::new);
        subcommands.put("doctor", DoctorCommand::new);
        subcommands.put("allow-my-ip", AllowMyIpCommand::new);
        subcommands.put("start", LifecycleCommand.Start::new);
        subcommands.put("stop", LifecycleCommand.Stop::new);
        subcommands.put("reboot", LifecycleCommand.Reboot::new);
        subcommands.put("sandbox", SandboxCommand::new);
        if (firstArg != null && subcommands.containsKey(firstArg)) {
            cl.addSubcommand(subcommands.get(firstArg).get());
        } else {
            subcommands.values().forEach(s -> cl.addSubcommand(s.get()));
            cl.addSubcommand(new CommandLine.HelpCommand());
            // In the voice of the others (picocli's reads "Display help information about ...").
            cl.getSubcommands().get("help").getCommandSpec().usageMessage()
                    .header("Shows a command's help: gangway help ssh.")
                    .description("Without a command, the list of commands.");
        }
        cl.setExecutionExceptionHandler(new ExitCodeHandler());
        // `gangway --sandbox list` as `gangway list --sandbox`: the window's option given before a
        // command is that command's (it was ignored, and the command then advised --sandbox).
        cl.setExecutionStrategy(parsed -> {
            if (parsed.hasMatchedOption("--sandbox") && parsed.hasSubcommand()) {
                CommandLine.Model.OptionSpec own = parsed.subcommand().commandSpec().findOption("--sandbox");
                if (own != null) {
                    own.setValue(true);
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler(new Suggestions());
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
