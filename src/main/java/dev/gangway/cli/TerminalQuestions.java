package dev.gangway.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import dev.gangway.connect.ConnectQuestions;
import dev.gangway.instance.Instance;

/** Asks for passphrases and unknown host keys on the terminal; the user and key come from options. */
public record TerminalQuestions(Console console) implements ConnectQuestions {

    @Override
    public Optional<String> loginUser(Instance instance) {
        return NONE.loginUser(instance);
    }

    @Override
    public Optional<Path> keyFile(Instance instance, String why) {
        return NONE.keyFile(instance, why);
    }

    @Override
    public char[] passphrase(Path file, int attempt) {
        return console.readPassword("Passphrase for %s: ", file);
    }

    @Override
    public boolean trustUnknownKey(String host, int p, String type, String fingerprint) {
        String answer = console.readLine("The authenticity of host '%s' can't be established.%n"
                + "%s key fingerprint is %s.%nTrust it and remember it in known_hosts (yes/no)? ",
                p == 22 ? host : "[" + host + "]:" + p, type, fingerprint);
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).equals("yes");
    }
}
