package dev.gangway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * One grammar across the commands (issue 27): OpenSSH's letters where the meaning exists there,
 * the same labels in every help, and argument errors answered in two lines, as git does.
 */
class CliGrammarTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine gangway() {
        CommandLine cl = GangwayCommand.commandLine(options -> 0);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    private static ParseResult parse(String... args) {
        return GangwayCommand.commandLine(options -> 0).parseArgs(args).subcommand();
    }

    @Test
    void sshTakesOpenSshsLetters() {
        ParseResult ssh = parse("ssh", "-p", "2222", "-l", "admin", "-i", "id.pem", "-P", "prod", "web-1");
        assertThat(ssh.<Integer>matchedOptionValue("--port", null)).isEqualTo(2222);
        assertThat(ssh.<String>matchedOptionValue("--user", null)).isEqualTo("admin");
        assertThat(ssh.matchedOptionValue("--key", null).toString()).isEqualTo("id.pem");
        assertThat(ssh.<String>matchedOptionValue("--profile", null)).isEqualTo("prod");
        assertThat(parse("rdp", "-p", "3390", "win-app").<Integer>matchedOptionValue("--port", null)).isEqualTo(3390);
        assertThat(parse("list", "-P", "prod").<List<String>>matchedOptionValue("--profile", null))
                .containsExactly("prod");
        assertThat(parse("ssh", "--private", "web-1").hasMatchedOption("--private")).isTrue();
    }

    @Test
    void theOldProfileLetterIsAnsweredWithTheNewOne() {
        assertThat(gangway().execute("ssh", "-p", "prod", "web-1")).isEqualTo(2);
        assertThat(err.toString()).contains("'prod' is not a port").contains("an AWS profile is --profile or -P");
        err.getBuffer().setLength(0);
        assertThat(gangway().execute("list", "-p", "prod")).isEqualTo(2);
        assertThat(err.toString()).contains("'-p'").contains("The AWS profile is --profile (or -P)");
    }

    @Test
    void anArgumentErrorIsItsMessageAndWhereHelpIs() {
        assertThat(gangway().execute("ssh", "--port", "x1", "web-1")).isEqualTo(2);
        List<String> lines = err.toString().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("See 'gangway ssh --help'.");
        assertThat(err.toString()).doesNotContain("Usage:");
        err.getBuffer().setLength(0);
        assertThat(gangway().execute("list", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'").contains("See 'gangway list --help'.")
                .doesNotContain("Usage:");
    }

    @Test
    void helpSaysWhatEachCommandDoes() {
        assertThat(gangway().execute("ssh", "--help")).isZero();
        String ssh = out.toString();
        assertThat(ssh).contains("Opens a shell on an instance").contains(".ppk").contains("--private")
                .contains("-p, --port=N").contains("-P, --profile=PROFILE");
        out.getBuffer().setLength(0);
        assertThat(gangway().execute("list", "--help")).isZero();
        assertThat(out.toString()).contains("--parallelism=N");
    }

    /** Every option that takes a value names it (N, FILE, HOST...), not picocli's {@code <port>}. */
    @Test
    void everyValueHasALabel() {
        CommandLine cl = gangway();
        List<String> unlabelled = new ArrayList<>();
        Pattern angle = Pattern.compile("--[a-z-]+=<[a-zA-Z]+>");
        cl.getSubcommands().forEach((name, sub) -> {
            Matcher m = angle.matcher(sub.getUsageMessage());
            while (m.find()) {
                unlabelled.add(name + " " + m.group());
            }
        });
        assertThat(unlabelled).isEmpty();
    }

    /**
     * No help line breaks a file name after its dot ("its ." / "pem", issue 27): the JDK's line
     * breaker, which picocli wraps with, breaks after a dot that a letter follows.
     */
    @Test
    void noFileNameIsBrokenAtItsDot() {
        CommandLine cl = gangway();
        List<String> broken = new ArrayList<>();
        Pattern cutAfterDot = Pattern.compile("(^|[\\s(/~])\\.$");
        cl.getSubcommands().forEach((name, sub) -> sub.getUsageMessage().lines().map(String::stripTrailing)
                .filter(l -> cutAfterDot.matcher(l).find()).forEach(l -> broken.add(name + ": " + l)));
        assertThat(broken).isEmpty();
    }

    /** The window's --sandbox before a command is that command's (issue 27: it was ignored). */
    @Test
    void sandboxBeforeTheCommandIsTheCommands() {
        assertThat(gangway().execute("--sandbox", "list", "--json")).as(err::toString).isZero();
        assertThat(out.toString()).contains("\"name\" : \"web-1\"");
    }

    /**
     * `gangway help` reads as one tool (issue 27): each command summed up in one line of the list,
     * the paragraphs in its own help.
     */
    @Test
    void theCommandListIsOneLineEach() {
        assertThat(gangway().execute("--help")).isZero();
        String help = out.toString();
        List<String> commands = help.substring(help.indexOf("Commands:")).lines().skip(1).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(13).allSatisfy(l -> assertThat(l).matches("  [a-z-]+ +\\S.*"));
        assertThat(help).contains("a command that follows runs").contains("  help         Shows a command's help");
    }

    /**
     * What `forward --help` says of Ctrl+C is what happens (issue 27: it said 0; the shell sees
     * 130, as for any program it interrupts): run as a user runs it, interrupted as Ctrl+C does.
     */
    @Test
    void ctrlCEndsAForwardWithTheStatusItsHelpNames(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home)
            throws Exception {
        assertThat(gangway().execute("forward", "--help")).isZero();
        assertThat(out.toString()).contains("130 when stopped with Ctrl+C");
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "dev.gangway.app.Main", "forward", "--sandbox", "db-debian", "5432")
                .redirectInput(new java.io.File("/dev/null")).redirectError(home.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("GANGWAY_HOME", home.resolve("gangway").toString());
        Process p = pb.start();
        try {
            java.io.BufferedReader said = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            for (String line; (line = said.readLine()) != null && !line.startsWith("Press Ctrl+C"); ) {
                // the forward's address, then the prompt
            }
            assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(130);
        } finally {
            p.destroyForcibly();
        }
    }
}
