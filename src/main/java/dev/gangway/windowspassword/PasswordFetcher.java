package dev.gangway.windowspassword;

import java.time.Clock;
import java.util.function.Consumer;

import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.instance.Instance;

/**
 * Gets and decrypts an instance's administrator password for the window, off the UI thread. A key
 * file the user picks on the way is remembered for the key pair once it worked.
 */
public final class PasswordFetcher {

    private final ConnectTasks connections;
    private final Clock clock;

    public PasswordFetcher(ConnectTasks connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** Gets and decrypts the password; results arrive on the UI thread. */
    public TaskRunner.Handle password(Instance instance, ConnectQuestions questions,
            Consumer<WindowsPasswords.Credentials> onPassword, Consumer<Throwable> onFailure) {
        return connections.run(instance, o -> o, questions, (options, answers) -> passwords().get(instance, options,
                answers), onPassword, onFailure);
    }

    /** The password of {@code instance} on this thread, with {@code questions} as they come. */
    public WindowsPasswords.Credentials passwordNow(Instance instance, ConnectOptions options,
            ConnectQuestions questions) throws Exception {
        return passwords().get(instance, options, questions);
    }

    private WindowsPasswords passwords() {
        return new WindowsPasswords(connections.context().ec2(), clock);
    }
}
