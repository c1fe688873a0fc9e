package dev.gangway.ui;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.gangway.cloud.Instance;
import dev.gangway.cloud.InstanceLookups;
import dev.gangway.rdp.LaunchPlan;
import dev.gangway.rdp.RdpFile;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.rdp.RdpRunner;
import dev.gangway.rdp.RemoteDesktop;
import dev.gangway.rdp.WindowsPasswords;
import dev.gangway.sandbox.CloudConnection;
import dev.gangway.settings.Settings;
import dev.gangway.ssh.ConnectQuestions;
import dev.gangway.ssh.InstanceSsh;

/**
 * The window's Windows actions, off the FX thread: the administrator password, and Remote Desktop
 * with it. A key file the user picks on the way is remembered for the key pair once it worked.
 */
public final class WindowsAccess {

    /**
     * A Remote Desktop client that was started, or the file and password to use by hand when no
     * client is installed ({@code plan} empty). The caller zeroes {@code credentials}.
     */
    public record Started(Optional<LaunchPlan> plan, Optional<Process> client, RdpFile rdp, RemoteDesktop.Target target,
                          WindowsPasswords.Credentials credentials) {
    }

    private final CloudConnection cloud;
    private final TaskRunner tasks;
    private final Supplier<Settings> settings;
    private final Consumer<UnaryOperator<Settings>> remember;
    private final Clock clock;
    private final RdpLaunchers.Os os;
    private final RdpLaunchers.Probe probe;
    private final RdpRunner runner;

    public WindowsAccess(CloudConnection cloud, TaskRunner tasks, Supplier<Settings> settings,
            Consumer<UnaryOperator<Settings>> remember, Clock clock, RdpLaunchers.Os os, RdpLaunchers.Probe probe,
            RdpRunner runner) {
        this.cloud = cloud;
        this.tasks = tasks;
        this.settings = settings;
        this.remember = remember;
        this.clock = clock;
        this.os = os;
        this.probe = probe;
        this.runner = runner;
    }

    /** Gets and decrypts the password; results arrive on the UI thread. */
    public TaskRunner.Handle password(Instance instance, ConnectQuestions questions,
            Consumer<WindowsPasswords.Credentials> onPassword, Consumer<Throwable> onFailure) {
        InstanceSsh.Options options = cloud.sshOptions(instance, settings.get());
        RememberedAnswers answers = new RememberedAnswers(questions);
        return tasks.run(() -> passwords().get(instance, options, answers), credentials -> {
            answers.keep(instance, remember);
            onPassword.accept(credentials);
        }, onFailure);
    }

    /**
     * Starts the installed Remote Desktop client (the one chosen in the settings first) for
     * {@code instance}, logged in with its password; results arrive on the UI thread.
     */
    public TaskRunner.Handle remoteDesktop(Instance instance, ConnectQuestions questions, Consumer<Started> onStarted,
            Consumer<Throwable> onFailure) {
        Settings now = settings.get();
        InstanceSsh.Options options = cloud.sshOptions(instance, now);
        RememberedAnswers answers = new RememberedAnswers(questions);
        return tasks.run(() -> {
            RemoteDesktop.Target target = RemoteDesktop.target(instance, null, null, options.privateAddress(),
                    cloud.publicIp().publicIp());
            WindowsPasswords.Credentials credentials = passwords().get(instance, options, answers);
            try {
                RdpFile rdp = RdpFile.windowed(target.host(), target.port(), credentials.user());
                Optional<RdpLaunchers.Launcher> launcher = RdpLaunchers.choose(os, probe, now.rdpClient());
                if (launcher.isEmpty()) {
                    return new Started(Optional.empty(), Optional.empty(), rdp, target, credentials);
                }
                String name = instance.displayName();
                Optional<String> certificate = RemoteDesktop.certificate(new InstanceLookups(cloud.access()), instance);
                LaunchPlan plan = launcher.get().plan(rdp, RdpRunner.newRdpFile(name), certificate);
                RdpRunner.Launched launched = runner.launch(plan, credentials.password());
                return new Started(Optional.of(plan), Optional.of(launched.process()), rdp, target, credentials);
            } catch (Exception | Error e) {
                credentials.close();
                throw e;
            }
        }, started -> {
            answers.keep(instance, remember);
            onStarted.accept(started);
        }, onFailure);
    }

    /** The clients Gangway knows for this OS, installed or not, in the order it prefers them. */
    public List<RdpLaunchers.Launcher> clients() {
        return RdpLaunchers.forOs(os, probe);
    }

    /** What to install for this OS when no client is. */
    public String installHint() {
        return RdpLaunchers.installHint(os);
    }

    private WindowsPasswords passwords() {
        return new WindowsPasswords(new InstanceLookups(cloud.access()), clock);
    }
}
