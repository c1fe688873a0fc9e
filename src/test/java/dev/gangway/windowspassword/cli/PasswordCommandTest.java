package dev.gangway.windowspassword.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import dev.gangway.app.GangwayCommand;
import dev.gangway.boot.AppDirs;
import dev.gangway.sandbox.SandboxPasswords;
import dev.gangway.testsupport.OpenSshServer;

/**
 * {@code gangway password} against the sandbox: GetPasswordData over the SDK, decrypted with the
 * sandbox key pair's .pem that key matching finds by itself.
 */
class PasswordCommandTest {

    @TempDir
    Path home;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void isolate() {
        System.setProperty("gangway.home", home.toString());
    }

    int run(String... args) {
        CommandLine cl = GangwayCommand.commandLine(options -> 0, "password");
        PasswordCommand password = (PasswordCommand) cl.getSubcommands().get("password").getCommand();
        password.console = null;
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "password";
        all[1] = "--sandbox";
        System.arraycopy(args, 0, all, 2, args.length);
        return cl.execute(all);
    }

    /** The password the sandbox set for {@code name} (the same world on every start). */
    String passwordSetFor(String name) throws Exception {
        return SandboxPasswords.setFor(AppDirs.detect().sandboxData(), name);
    }

    @Test
    void decryptsTheAdministratorPasswordTheSandboxSetWithTheKeyPairsPemFoundByItself() throws Exception {
        assertThat(run("win-app", "--show")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("User:     Administrator" + System.lineSeparator()
                + "Password: " + passwordSetFor("win-app") + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void thePasswordGoesOnlyToATerminalUnlessShowIsGiven() {
        assertThat(run("win-app")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("printed only to a terminal").contains("--show");
    }

    @Test
    void rightAfterLaunchItSaysThePasswordIsNotReadyYetAndHowLongAgoTheInstanceStarted() {
        // win-paris was launched a minute before the sandbox started.
        assertThat(run("win-paris", "--show")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("not available yet").contains("a few minutes after launch")
                .contains("launched 1 min ago");
    }

    @Test
    void aLinuxInstanceOrAKeyThatCannotDecryptItGetsItsOwnMessage() throws Exception {
        assertThat(run("web-1", "--show")).isEqualTo(1);
        assertThat(err.toString()).contains("web-1").contains("not a Windows instance");
        err.getBuffer().setLength(0);

        Path ed25519 = home.resolve("id_ed25519");
        OpenSshServer.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ed25519.toString());
        assertThat(run("win-app", "--show", "--key", ed25519.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("can only be decrypted with an RSA key pair").contains("ed25519");
        err.getBuffer().setLength(0);

        Path otherRsa = home.resolve("other.pem");
        OpenSshServer.run("openssl", "genrsa", "-traditional", "-out", otherRsa.toString(), "2048");
        assertThat(run("win-app", "--show", "--key", otherRsa.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(otherRsa + " does not decrypt the password of win-app")
                .contains("not the private key of key pair 'gangway-sandbox'");
        assertThat(out.toString()).isEmpty();
    }
}
