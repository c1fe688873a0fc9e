package dev.gangway.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Window;

import dev.gangway.common.Dialogs;
import dev.gangway.common.ErrorMessages;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.Via;
import dev.gangway.connect.ui.FxConnectQuestions;
import dev.gangway.forward.ui.TunnelsPane;
import dev.gangway.instance.Instance;
import dev.gangway.ssh.ShellOpener;
import dev.gangway.ssh.SshPlanner;
import dev.gangway.ssm.SsmShellOpener;
import dev.gangway.terminal.ui.TerminalTab;

/** The window's tabs: the instances first, then a terminal tab per session. */
final class SessionTabs {

    static final double MAX_TAB_WIDTH = 220;
    private final TabPane tabs = new TabPane();
    private final Map<Tab, TerminalTab> terminals = new HashMap<>();
    private final ShellOpener shells;
    private final SsmShellOpener ssmShells;
    private final Supplier<Window> owner;
    private Tab tunnelsTab;
    private boolean dark;

    SessionTabs(Tab instances, ShellOpener shells, SsmShellOpener ssmShells, Supplier<Window> owner) {
        this.shells = shells;
        this.ssmShells = ssmShells;
        this.owner = owner;
        tabs.setId("tabs");
        tabs.getTabs().add(instances);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        // Short titles, and none wider than this: with four sessions the Instances tab stays in sight.
        tabs.setTabMaxWidth(MAX_TAB_WIDTH);
    }

    Node node() {
        return tabs;
    }

    /**
     * A terminal tab for {@code instance}, shown at once, its SSH login running in the background;
     * {@code closed} runs when the tab goes (its session with it).
     */
    void openSsh(Instance instance, boolean instanceConnect, Runnable closed) {
        TerminalTab terminal = newTab(instance);
        terminal.tab().tabPaneProperty().addListener((obs, old, pane) -> {
            if (pane == null) {
                closed.run();
            }
        });
        open(instance, terminal, o -> o.withInstanceConnect(instanceConnect));
    }

    /** SSH's terminal carried over Session Manager (AWS-StartSSHSession): no open port 22 or address needed. */
    void openSshOverSessionManager(Instance instance) {
        open(instance, newTab(instance), o -> o.withSessionManager(true));
    }

    /** SSH's terminal through the Instance Connect Endpoint in the instance's VPC, to its private address. */
    void openSshThroughEndpoint(Instance instance) {
        open(instance, newTab(instance), o -> o.withVia(Via.ENDPOINT));
    }

    /** A terminal tab for {@code instance} over Session Manager: no address, port or key needed. */
    void openSsm(Instance instance) {
        openSsm(instance, newTab(instance));
    }

    /** Dark terminals or light ones, for every open tab and those that open later. */
    void useDarkTerminals(boolean value) {
        dark = value;
        terminals.values().forEach(t -> t.useDarkColours(value));
    }

    private TerminalTab newTab(Instance instance) {
        TerminalTab terminal = new TerminalTab(numbered(instance.displayName()), null);
        terminal.useDarkColours(dark);
        terminal.tab().setId("session-" + instance.id());
        terminals.put(terminal.tab(), terminal);
        terminal.tab().addEventHandler(Tab.CLOSED_EVENT, e -> terminals.remove(terminal.tab()));
        tabs.getTabs().add(terminal.tab());
        tabs.getSelectionModel().select(terminal.tab());
        return terminal;
    }

    private void openSsm(Instance instance, TerminalTab terminal) {
        terminal.connecting("Starting a Session Manager session on " + instance.displayName() + "…");
        ssmShells.open(instance, TerminalTab.COLUMNS, TerminalTab.ROWS,
                opened -> terminal.attach(opened.shell(), "Session Manager", "Session Manager · session "
                        + opened.sessionId() + " · no open port or key: the instance's agent connects out to AWS"),
                error -> terminal.failed(ErrorMessages.message(error)));
        terminal.onReconnect(() -> openSsm(instance, terminal));
    }

    private void open(Instance instance, TerminalTab terminal, UnaryOperator<ConnectOptions> how) {
        terminal.connecting("Connecting to " + instance.displayName() + "…");
        FxConnectQuestions questions = new FxConnectQuestions(owner);
        shells.open(instance, how, questions, TerminalTab.COLUMNS, TerminalTab.ROWS, opened -> {
            SshPlanner.Plan plan = opened.plan();
            terminal.attach(opened.shell(), plan.target().label(), plan.target().label() + " · " + plan.addressKind()
                    + (plan.instanceConnect() ? " · key pushed by EC2 Instance Connect" : "")
                    + " · host key verified by " + opened.shell().session().hostKeyTrustedBy()
                    + (opened.warning() == null ? "" : " · " + opened.warning()));
        }, error -> terminal.failed(ErrorMessages.message(error)));
        terminal.onReconnect(() -> open(instance, terminal, how));
    }

    /**
     * Before the window closes (its close button, Quit): when terminal sessions are still connected,
     * asks whether to end them, as a desktop terminal does; true to go on closing.
     */
    boolean confirmEnding(Dialogs dialogs, int openTunnels, boolean quitting) {
        List<String> connected = new ArrayList<>(tabs.getTabs().stream().map(terminals::get)
                .filter(t -> t != null && t.isConnected()).map(TerminalTab::description).toList());
        if (connected.isEmpty() && openTunnels == 0) {
            return true;
        }
        // Named as the user asked for it: File → Quit quits, the title bar's button closes the window.
        String title = quitting ? "Quit Gangway" : "Close Gangway";
        String doing = quitting ? "Quitting" : "Closing the window";
        String button = quitting ? "Quit" : "Close window";
        if (connected.isEmpty()) {
            return dialogs.confirm("end-sessions", title, openTunnels == 1 ? "A tunnel is still open."
                    : openTunnels + " tunnels are still open.", doing + " stops "
                    + (openTunnels == 1 ? "it" : "them") + ": the connections through them end.", button);
        }
        if (openTunnels > 0) {
            connected.add(openTunnels == 1 ? "1 tunnel" : openTunnels + " tunnels");
        }
        return dialogs.confirm("end-sessions", title, connected.size() == 1
                        ? "A terminal session is still connected." : connected.size() + " terminal sessions are still connected.",
                String.join("\n", connected) + "\n\n" + doing + " logs out of "
                        + (connected.size() == 1 ? "it" : "them") + ": what runs in the shell stops, unless it was "
                        + "started in tmux or screen, or with nohup.",
                button);
    }

    /** Shows the Tunnels tab (added the first time), selected. */
    void showTunnels(TunnelsPane pane) {
        if (tunnelsTab == null) {
            tunnelsTab = new Tab("Tunnels", pane.node());
            tunnelsTab.setId("tunnels-tab");
            // Closing the tab only hides it: the tunnels go on until stopped.
            tunnelsTab.setOnClosed(e -> tunnelsTab = null);
        }
        if (!tabs.getTabs().contains(tunnelsTab)) {
            tabs.getTabs().add(1, tunnelsTab);
        }
        tabs.getSelectionModel().select(tunnelsTab);
    }

    /** The connection doctor's panel for {@code instance} in a tab of its own (the same tab again for it). */
    void showDoctor(Instance instance, Node panel) {
        String id = "doctor-tab-" + instance.id();
        Tab tab = tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseGet(() -> {
            Tab t = new Tab("Doctor: " + instance.displayName());
            t.setId(id);
            tabs.getTabs().add(t);
            return t;
        });
        tab.setContent(panel);
        tabs.getSelectionModel().select(tab);
    }

    /** {@code name}, or "name (2)", "name (3)"... when a terminal tab has it already: no two tabs alike. */
    private String numbered(String name) {
        Set<String> taken = new HashSet<>();
        terminals.values().forEach(t -> taken.add(t.name()));
        String candidate = name;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = name + " (" + n + ")";
        }
        return candidate;
    }

    /** Closes every terminal tab, and with it its shell and its connection. */
    void closeAll() {
        List<TerminalTab> open = new ArrayList<>(terminals.values());
        terminals.clear();
        open.forEach(t -> tabs.getTabs().remove(t.tab()));
    }

    /** The terminal shown in {@code tab}, or null. */
    TerminalTab terminalOf(Tab tab) {
        return terminals.get(tab);
    }
}
