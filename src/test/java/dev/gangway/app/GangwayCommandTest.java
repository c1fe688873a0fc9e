package dev.gangway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.gangway.boot.LaunchOptions;
import dev.gangway.cli.ExitCodes;

/**
 * The window's start without picocli ({@link GangwayCommand#windowOnly}) opens the same window, with
 * the same options, as picocli's parse of the same arguments; anything else is left to picocli.
 */
class GangwayCommandTest {

    private final List<LaunchOptions> opened = new ArrayList<>();
    private final GangwayCommand.GuiLauncher gui = options -> {
        opened.add(options);
        return ExitCodes.OK;
    };

    @Test
    void noArgumentsOpensTheWindowOnTheUsersCloud() {
        assertThat(GangwayCommand.windowOnly(gui).call()).isZero();
        assertThat(opened).containsExactly(LaunchOptions.defaults());
        assertThat(opened.get(0).sandbox()).isFalse();
    }

    @Test
    void theWindowsOptionsAreReadAsPicocliReadsThem() {
        String[] args = {"--sandbox-filler", "2x30", "--no-sandbox-ssh", "--exit-when-populated"};
        GangwayCommand.windowOnly(gui, args).call();
        assertThat(GangwayCommand.commandLine(gui).execute(args)).isZero();
        LaunchOptions expected = new LaunchOptions(true, 2, 30, false, true);
        assertThat(opened).containsExactly(expected, expected);

        GangwayCommand.windowOnly(gui, "--sandbox-filler=1x5").call();
        assertThat(opened.get(2)).isEqualTo(new LaunchOptions(true, 1, 5, true, false));
        GangwayCommand.windowOnly(gui, "--sandbox").call();
        assertThat(opened.get(3)).isEqualTo(LaunchOptions.defaults().withSandbox(true));
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        assertThat(GangwayCommand.windowOnly(gui, "list")).isNull();
        assertThat(GangwayCommand.windowOnly(gui, "--help")).isNull();
        assertThat(GangwayCommand.windowOnly(gui, "--version")).isNull();
        assertThat(GangwayCommand.windowOnly(gui, "--sandbox", "--bogus")).isNull();
        assertThat(GangwayCommand.windowOnly(gui, "--sandbox-filler")).isNull();
        assertThat(opened).isEmpty();
    }

    /** The command is the first word that is not an option: picocli models only it, `list` warms the SDK. */
    @Test
    void theCommandIsTheFirstWordThatIsNotAnOption() {
        assertThat(Main.command("ssh", "web-1")).isEqualTo("ssh");
        assertThat(Main.command("--verbose", "ssh", "web-1", "--", "true")).isEqualTo("ssh");
        assertThat(Main.command("--sandbox", "--verbose", "list")).isEqualTo("list");
        assertThat(Main.command("--version")).isNull();
        assertThat(Main.command()).isNull();
        assertThat(Main.command("--", "list")).isNull();
    }

    /** The Linux launcher picks the window's settings for the same options windowOnly reads. */
    @Test
    void theLinuxLauncherKnowsTheSameWindowOptions() throws Exception {
        String script = Files.readString(Path.of("packaging/linux/launcher.sh"));
        Matcher cases = Pattern.compile("(?m)^\\s*(--[a-z-]+(?:\\|--[a-z=*-]+)*)\\)").matcher(script);
        List<String> inScript = new ArrayList<>();
        while (cases.find()) {
            for (String option : cases.group(1).split("\\|")) {
                inScript.add(option.replace("=*", ""));
            }
        }
        assertThat(inScript).containsExactlyInAnyOrder("--sandbox", "--no-sandbox-ssh", "--exit-when-populated",
                "--verbose", "--sandbox-filler", "--sandbox-filler");
        for (String option : List.of("--sandbox", "--no-sandbox-ssh", "--exit-when-populated", "--verbose")) {
            assertThat(GangwayCommand.windowOnly(gui, option)).as(option).isNotNull();
        }
        assertThat(GangwayCommand.windowOnly(gui, "--sandbox-filler", "1x1")).isNotNull();
        assertThat(GangwayCommand.windowOnly(gui, "--sandbox-filler=1x1")).isNotNull();
        // The shell launcher gives the window's JVM flags to the same options.
        String launcher = Files.readString(Path.of("src/main/launcher/gangway"));
        assertThat(launcher).contains("--sandbox|--sandbox-*|--no-sandbox-ssh|--exit-when-populated|--verbose)")
                .contains("--sandbox-filler) value=1");
        assertThat(GangwayCommand.windowOnly(gui, "--no-such-option")).isNull();
    }

    /** Every --port is read in one place: a port out of range or not a number is a usage error (2) saying so. */
    @Test
    void everyPortOptionSaysWhatAPortIs() {
        List<String[]> calls = List.of(
                new String[] {"ssh", "--port", "70000", "web-1", "--", "true"},
                new String[] {"ssh", "--port", "ssh", "web-1", "--", "true"},
                new String[] {"rdp", "--port", "0", "win-app"},
                new String[] {"sandbox", "--port", "99999"});
        for (String[] call : calls) {
            StringWriter err = new StringWriter();
            picocli.CommandLine cl = GangwayCommand.commandLine(gui, call[0]);
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(new StringWriter(), true));
            assertThat(cl.execute(call)).as(String.join(" ", call)).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).as(String.join(" ", call)).contains("--port").contains("'" + call[2] + "'")
                    .contains("a number from 1 to 65535");
        }
    }

}
