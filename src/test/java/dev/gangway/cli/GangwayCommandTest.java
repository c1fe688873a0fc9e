package dev.gangway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The window's start without picocli ({@link GangwayCommand#windowOnly}) opens the same window, with
 * the same options, as picocli's parse of the same arguments; anything else is left to picocli.
 */
class GangwayCommandTest {

    private final List<Boolean> opened = new ArrayList<>();
    private final GangwayCommand.GuiLauncher gui = sandbox -> {
        opened.add(sandbox);
        return GangwayCommand.OK;
    };

    @AfterEach
    void clearProperties() {
        System.clearProperty(GangwayCommand.FILLER_PROPERTY);
        System.clearProperty(GangwayCommand.NO_SSH_PROPERTY);
        System.clearProperty(GangwayCommand.EXIT_WHEN_POPULATED_PROPERTY);
    }

    @Test
    void noArgumentsOpensTheWindowOnTheUsersCloud() {
        assertThat(GangwayCommand.windowOnly(gui).call()).isZero();
        assertThat(opened).containsExactly(false);
    }

    @Test
    void theWindowsOptionsAreReadAsPicocliReadsThem() {
        String[] args = {"--sandbox-filler", "2x30", "--no-sandbox-ssh", "--exit-when-populated"};
        GangwayCommand.windowOnly(gui, args).call();
        List<String> direct = properties();
        clearProperties();
        assertThat(GangwayCommand.commandLine(gui).execute(args)).isZero();
        assertThat(opened).containsExactly(true, true);
        assertThat(properties()).isEqualTo(direct).containsExactly("2x30", "true", "true");

        GangwayCommand.windowOnly(gui, "--sandbox-filler=1x5").call();
        assertThat(System.getProperty(GangwayCommand.FILLER_PROPERTY)).isEqualTo("1x5");
        GangwayCommand.windowOnly(gui, "--sandbox").call();
        assertThat(opened).containsExactly(true, true, true, true);
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
        assertThat(launcher).contains("\"\"|--sandbox|--sandbox-*|--no-sandbox-ssh|--exit-when-populated|--verbose)");
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
            assertThat(cl.execute(call)).as(String.join(" ", call)).isEqualTo(GangwayCommand.USAGE);
            assertThat(err.toString()).as(String.join(" ", call)).contains("--port").contains("'" + call[2] + "'")
                    .contains("a number from 1 to 65535");
        }
    }

    private static List<String> properties() {
        return List.of(String.valueOf(System.getProperty(GangwayCommand.FILLER_PROPERTY)),
                String.valueOf(System.getProperty(GangwayCommand.NO_SSH_PROPERTY)),
                String.valueOf(System.getProperty(GangwayCommand.EXIT_WHEN_POPULATED_PROPERTY)));
    }
}
