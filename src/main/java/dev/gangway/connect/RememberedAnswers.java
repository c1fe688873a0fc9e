package dev.gangway.connect;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import dev.gangway.instance.Instance;
import dev.gangway.settings.Settings;

/**
 * Passes a connection's questions on and keeps the login user and key file the user answered with,
 * to be remembered once they worked (an SSH login, a decrypted Windows password).
 */
public final class RememberedAnswers implements ConnectQuestions {
    private final ConnectQuestions questions;
    private volatile String user;
    private volatile Path keyFile;

    public RememberedAnswers(ConnectQuestions questions) {
        this.questions = questions;
    }

    /** Records the answers in the settings: the user for the instance, the key file for its key pair. */
    public void keep(Instance instance, Consumer<UnaryOperator<Settings>> remember) {
        String u = user;
        Path key = keyFile;
        if (u != null) {
            remember.accept(s -> s.withLogin(instance.id(), s.login(instance.id()).withUser(u)));
        }
        if (key != null) {
            String path = key.toAbsolutePath().toString();
            remember.accept(s -> instance.keyName() != null ? s.withKeyFile(instance.keyName(), path)
                    : s.withLogin(instance.id(), s.login(instance.id()).withKeyFile(path)));
        }
    }

    @Override
    public String howToGive(Given what) {
        return questions.howToGive(what);
    }

    @Override
    public Optional<String> loginUser(Instance instance) {
        Optional<String> answer = questions.loginUser(instance);
        user = answer.orElse(null);
        return answer;
    }

    @Override
    public Optional<Path> keyFile(Instance instance, String why) {
        Optional<Path> answer = questions.keyFile(instance, why);
        keyFile = answer.orElse(null);
        return answer;
    }

    @Override
    public char[] passphrase(Path file, int attempt) {
        return questions.passphrase(file, attempt);
    }

    @Override
    public boolean trustUnknownKey(String host, int port, String keyType, String fingerprint) {
        return questions.trustUnknownKey(host, port, keyType, fingerprint);
    }
}
