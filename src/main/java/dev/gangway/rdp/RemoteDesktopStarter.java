package dev.gangway.rdp;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.gangway.common.HostOs;
import dev.gangway.common.TaskRunner;
import dev.gangway.connect.ConnectContext;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.instance.Instance;
import dev.gangway.windowspassword.PasswordFetcher;
import dev.gangway.windowspassword.WindowsPasswords;

/**
 * Starts Remote Desktop for the window, off the UI thread: the route, the password, the client
 * and its .rdp file. A key file the user picks on the way is remembered for the key pair once it
 * worked.
 */
public final class RemoteDesktopStarter {

    /**
     * A Remote Desktop client that was started, or the file and password to use by hand when no
     * client is installed ({@code plan} empty). The caller zeroes {@code credentials}.
     */
    public record Started(Optional<LaunchPlan> plan, Optional<Process> client, RdpFile rdp, RemoteDesktop.Target target,
                          WindowsPasswords.Credentials credentials) {
    }

    private final ConnectTasks connections;
    private final PasswordFetcher passwords;
    private final HostOs os;
    private final RdpLaunchers.Probe probe;
    private final RdpRunner runner;

    public RemoteDesktopStarter(ConnectTasks connections, PasswordFetcher passwords, HostOs os,
            RdpLaunchers.Probe probe, RdpRunner runner) {
        this.connections = connections;
        this.passwords = passwords;
        this.os = os;
        this.probe = probe;
        this.runner = runner;
    }

    /**
     * Starts the installed Remote Desktop client (the one chosen in the settings first) for
     * {@code instance}, logged in with its password; results arrive on the UI thread.
     */
    public TaskRunner.Handle remoteDesktop(Instance instance, ConnectQuestions questions, Consumer<Started> onStarted,
            Consumer<Throwable> onFailure) {
        return remoteDesktop(instance, RemoteDesktop.Via.AUTO, questions, onStarted, onFailure);
    }

    /**
     * As above, going as {@code via} says. A Session Manager tunnel closes when a client that lasts
     * as long as its session (mstsc, FreeRDP) exits; otherwise (no client, one that hands over and
     * returns) it stays open for the user to stop.
     */
    public TaskRunner.Handle remoteDesktop(Instance instance, RemoteDesktop.Via via, ConnectQuestions questions,
            Consumer<Started> onStarted, Consumer<Throwable> onFailure) {
        String chosenClient = connections.settings().current().connections().rdpClient();
        ConnectContext connect = connections.context();
        return connections.run(instance, o -> o, questions, (options, answers) -> {
            // What cannot work is said first (not Windows, not running); a tunnel opens only once there is a
            // password to log in with.
            RemoteDesktop.requireUsable(instance);
            WindowsPasswords.Credentials credentials = passwords.passwordNow(instance, options, answers);
            Optional<RdpLaunchers.Launcher> launcher = RdpLaunchers.choose(os, probe, chosenClient);
            RemoteDesktop.Target target;
            try {
                // With no client to start, a tunnel is opened only when asked for: the offer is what to install.
                // With no client nothing is dialled: the address only goes into the file offered.
                target = launcher.isEmpty() && via == RemoteDesktop.Via.AUTO
                        ? RemoteDesktop.target(instance, null, null, options.privateAddress(), connect.publicIp().publicIp())
                        : RemoteDesktop.open(instance, null, null, options.privateAddress(), connect.publicIp().publicIp(),
                                via, connect);
            } catch (Exception | Error e) {
                credentials.close();
                throw e;
            }
            try {
                RdpFile rdp = RdpFile.windowed(target.host(), target.port(), credentials.user());
                if (launcher.isEmpty()) {
                    return new Started(Optional.empty(), Optional.empty(), rdp, target, credentials);
                }
                String name = instance.displayName();
                Optional<String> certificate = RemoteDesktop.certificate(connect.ec2(), instance);
                LaunchPlan plan = launcher.get().plan(rdp, RdpRunner.newRdpFile(name), certificate);
                RdpRunner.Launched launched = runner.launch(plan, credentials.password());
                launched.output().close(); // the window says a quick end by the exit status alone
                if (plan.lastsAsLongAsSession()) {
                    launched.process().onExit().thenRun(target::close);
                }
                return new Started(Optional.of(plan), Optional.of(launched.process()), rdp, target, credentials);
            } catch (Exception | Error e) {
                credentials.close();
                target.close();
                throw e;
            }
        }, onStarted, onFailure);
    }

    /** The clients Gangway knows for this OS, installed or not, in the order it prefers them. */
    public List<RdpLaunchers.Launcher> clients() {
        return RdpLaunchers.forOs(os, probe);
    }

    /** What to install for this OS when no client is. */
    public String installHint() {
        return RdpLaunchers.installHint(os);
    }
}
