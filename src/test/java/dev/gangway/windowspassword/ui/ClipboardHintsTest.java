package dev.gangway.windowspassword.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.gangway.testsupport.Fx;
import dev.gangway.testsupport.Processes;
import dev.gangway.testsupport.SameThreadRunner;

/**
 * A copied password as a clipboard manager sees it: another X client (Tk, as Klipper or GPaste
 * would) asks the clipboard which types it holds, and finds KDE's password hint beside the text,
 * so the manager keeps it out of its history; a user name copied the ordinary way carries none.
 */
@ExtendWith(ApplicationExtension.class)
class ClipboardHintsTest {

    static final String READER = String.join("\n",
            "import tkinter",
            "root = tkinter.Tk()",
            "root.withdraw()",
            "print(root.clipboard_get(type='TARGETS'))",
            "print(root.clipboard_get())",
            "try:",
            "    print('hint=' + root.clipboard_get(type='x-kde-passwordManagerHint'))",
            "except tkinter.TclError:",
            "    print('hint=none')");

    /** Tk's "0x73 0x65 ..." as the text it stands for. */
    static String hex(String bytes) {
        StringBuilder text = new StringBuilder();
        for (String b : bytes.trim().split("\\s+")) {
            text.append((char) Integer.parseInt(b.substring(2), 16));
        }
        return text.toString();
    }

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void aCopiedPasswordCarriesTheDoNotKeepHintAndANameDoesNot() throws Exception {
        assumeTrue(Processes.run(new ProcessBuilder("python3", "-c", "import tkinter"), Duration.ofSeconds(30))
                .code() == 0, "Tk for Python is not installed here (.ci/run installs python3-tk)");
        ClipboardGuard guard = new ClipboardGuard(Duration.ofMinutes(1), new SameThreadRunner());
        Fx.read(() -> {
            guard.copySecret("Gw-clip-7e3!".toCharArray());
            return null;
        });
        Processes.Ended seen = Processes.run(new ProcessBuilder("python3", "-c", READER), Duration.ofSeconds(30));
        assertThat(seen.code()).as(seen.err()).isZero();
        assertThat(seen.out()).contains("x-kde-passwordManagerHint").contains("Gw-clip-7e3!");
        // Klipper reads the mark's value: "secret" (Tk shows bytes of a type it does not know as hex).
        String hint = seen.out().lines().filter(l -> l.startsWith("hint=")).findFirst().orElse("").substring(5);
        assertThat(hint.startsWith("0x") ? hex(hint) : hint).isEqualTo("secret");

        Fx.read(() -> {
            guard.copy("Administrator");
            return null;
        });
        Processes.Ended name = Processes.run(new ProcessBuilder("python3", "-c", READER), Duration.ofSeconds(30));
        assertThat(name.out()).contains("Administrator").doesNotContain("x-kde-passwordManagerHint");
        Fx.read(() -> {
            guard.clearNow();
            return null;
        });
    }
}
