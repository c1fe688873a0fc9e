package dev.gangway.windowspassword;

import java.time.Clock;
import java.util.function.Consumer;

import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectContext;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.RememberedAnswers;
import dev.gangway.instance.Instance;
import dev.gangway.settings.SettingsService;

/**
 * Gets and decrypts an instance's administrator password for the window, off the UI thread. A key
 * file the user picks on the way is remembered for the key pair once it worked.
 */
public final class PasswordFetcher {

    private final ConnectContext connect;
    private final TaskRunner tasks;
    private final SettingsService settings;
    private final Clock clock;

    public PasswordFetcher(ConnectContext connect, TaskRunner tasks, SettingsService settings, Clock clock) {
        this.connect = connect;
        this.tasks = tasks;
        this.settings = settings;
        this.clock = clock;
    }

    /** Gets and decrypts the password; results arrive on the UI thread. */
    public TaskRunner.Handle password(Instance instance, ConnectQuestions questions,
            Consumer<WindowsPasswords.Credentials> onPassword, Consumer<Throwable> onFailure) {
        ConnectOptions options = connect.options(instance, settings.current());
        RememberedAnswers answers = new RememberedAnswers(questions);
        return tasks.run(() -> passwords().get(instance, options, answers), credentials -> {
            answers.keep(instance, settings::update);
            onPassword.accept(credentials);
        }, onFailure);
    }

    /** The password of {@code instance} on this thread, with {@code questions} as they come. */
    public WindowsPasswords.Credentials passwordNow(Instance instance, ConnectOptions options,
            ConnectQuestions questions) throws Exception {
        return passwords().get(instance, options, questions);
    }

    private WindowsPasswords passwords() {
        return new WindowsPasswords(connect.ec2(), clock);
    }
}
