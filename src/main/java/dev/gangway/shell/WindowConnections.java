package dev.gangway.shell;

import java.time.Clock;

import dev.gangway.common.HostOs;
import dev.gangway.connect.ConnectTasks;
import dev.gangway.forward.TunnelOpener;
import dev.gangway.forward.Tunnels;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.rdp.RdpRunner;
import dev.gangway.rdp.RemoteDesktopStarter;
import dev.gangway.ssh.ShellOpener;
import dev.gangway.ssm.SsmShellOpener;
import dev.gangway.windowspassword.PasswordFetcher;

/**
 * What the window opens connections with, each over the same {@link ConnectTasks}: SSH and Session
 * Manager shells, port forwards and the tunnels open in this run, Windows passwords and Remote Desktop.
 */
public record WindowConnections(ShellOpener shells, SsmShellOpener ssmShells, TunnelOpener portForwards,
                                Tunnels tunnels, PasswordFetcher passwords, RemoteDesktopStarter remoteDesktop)
        implements AutoCloseable {

    /** The openers over {@code connections}; Remote Desktop clients chosen for {@code os} from what {@code probe} finds. */
    static WindowConnections over(ConnectTasks connections, HostOs os, RdpLaunchers.Probe probe) {
        PasswordFetcher passwords = new PasswordFetcher(connections, Clock.systemUTC());
        return new WindowConnections(new ShellOpener(connections), new SsmShellOpener(connections),
                new TunnelOpener(connections), new Tunnels(Clock.systemUTC()), passwords,
                new RemoteDesktopStarter(connections, passwords, os, probe,
                        new RdpRunner(RdpRunner.CredentialStore.system(), RdpRunner.READ_TIME)));
    }

    /** Closes the SSH connections the window opened. */
    @Override
    public void close() {
        shells.close();
    }
}
