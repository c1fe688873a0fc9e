package dev.gangway.shell;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import dev.gangway.common.Dialogs;
import dev.gangway.common.ErrorMessages;
import dev.gangway.common.ui.FxDialogs;
import dev.gangway.common.ui.KeptDivider;
import dev.gangway.connect.Forward;
import dev.gangway.connect.Reachability;
import dev.gangway.connect.ui.FxConnectQuestions;
import dev.gangway.forward.ui.ForwardDialog;
import dev.gangway.forward.ui.TunnelsPane;
import dev.gangway.instance.Instance;
import dev.gangway.instance.PortExposure;
import dev.gangway.inventory.ui.InstanceDetailView;
import dev.gangway.lifecycle.ConsoleLinks;
import dev.gangway.lifecycle.Lifecycle;
import dev.gangway.rdp.RemoteDesktop;
import dev.gangway.rdp.ui.RemoteDesktopStart;
import dev.gangway.settings.Settings;
import dev.gangway.settings.ui.LoginSettingsDialog;
import dev.gangway.terminal.ui.TerminalTab;
import dev.gangway.windowspassword.ui.ClipboardGuard;
import dev.gangway.windowspassword.ui.WindowsPasswordDialog;

/**
 * The main window's frame: it composes the menu, the selectors, the instance table and its detail
 * pane, the session tabs and the status bar, and holds the registry of instance actions they share.
 */
public final class MainView {

    private final MainViewModel model;
    private final BorderPane root = new BorderPane();
    private final Dialogs dialogs = new FxDialogs(this::window);
    /** Whether the close request under way came from File → Quit (the dialog then says Quit). */
    private boolean quitting;
    private final LifecycleGate gate;
    private final DoctorTabs doctors;
    private final InstanceActions actions;
    private final InstanceTablePane table;
    private final SelectorBar selectors;
    private final SessionTabs sessions;
    private ClipboardGuard clipboard;
    private TunnelsPane tunnelsPane;
    private Duration passwordRetry = WindowsPasswordDialog.RETRY_EVERY;

    /** Opens a web page (the application's host services); the AWS console's pages go through it. */
    private Consumer<String> browser = url -> { };

    /** Where web pages open: the application's host services ({@code getHostServices()::showDocument}). */
    public void openPagesWith(Consumer<String> value) {
        browser = value;
    }

    public MainView(MainViewModel model) {
        this.model = model;
        clipboard = new ClipboardGuard(ClipboardGuard.CLEAR_AFTER, model.tasks());
        gate = new LifecycleGate(dialogs, model.notifier(), i -> model.operations().lifecycle(i, Lifecycle.START));
        actions = InstanceActions.standard(new InstanceActions.Handlers() {
            @Override
            public void connectEarly(Instance instance) {
                model.connections().shells().connectEarly(instance);
            }

            @Override
            public void copied(String what, String value) {
                model.notes().confirm("Copied " + what + (value.length() <= 40 ? " " + value : "") + " to the clipboard");
            }

            @Override
            public void openSshOverSessionManager(Instance instance) {
                MainView.this.openSshOverSessionManager(instance);
            }

            @Override
            public void openSshThroughEndpoint(Instance instance) {
                if (gate.admits(instance)) {
                    sessions.openSshThroughEndpoint(instance);
                }
            }

            @Override
            public void openSsh(Instance instance, boolean instanceConnect) {
                MainView.this.openSsh(instance, instanceConnect);
            }

            @Override
            public void openSsm(Instance instance) {
                if (gate.admits(instance)) {
                    sessions.openSsm(instance);
                }
            }

            @Override
            public void forwardPort(Instance instance) {
                MainView.this.forwardPort(instance);
            }

            @Override
            public boolean prefersSessionManager(Instance instance) {
                return model.shellRoute(instance) == Reachability.ShellRoute.SESSION_MANAGER;
            }

            @Override
            public List<Settings.TunnelPreset> tunnelPresets(Instance instance) {
                return model.settings().tunnelPresets(instance.id());
            }

            @Override
            public void openTunnel(Instance instance, Settings.TunnelPreset preset) {
                MainView.this.openTunnel(instance, preset);
            }

            @Override
            public void forgetTunnels(Instance instance) {
                model.forgetTunnels(instance);
            }

            @Override
            public void remoteDesktopOverSessionManager(Instance instance) {
                MainView.this.remoteDesktop(instance, RemoteDesktop.Via.SESSION_MANAGER);
            }

            @Override
            public void remoteDesktopThroughEndpoint(Instance instance) {
                MainView.this.remoteDesktop(instance, RemoteDesktop.Via.ENDPOINT);
            }

            @Override
            public void remoteDesktop(Instance instance) {
                MainView.this.remoteDesktop(instance);
            }

            @Override
            public void showPassword(Instance instance) {
                MainView.this.showPassword(instance);
            }

            @Override
            public void editLogin(Instance instance) {
                MainView.this.editLogin(instance);
            }

            @Override
            public void openDoctor(Instance instance) {
                MainView.this.openDoctor(instance);
            }

            @Override
            public void lifecycle(Instance instance, Lifecycle what) {
                if (dialogs.confirm(what.name().toLowerCase(Locale.ROOT) + "-instance", what.verb() + " "
                        + instance.displayName(), what.verb() + " " + instance.label() + "?", what.consequence(),
                        what.verb() + " instance")) {
                    model.operations().lifecycle(instance, what);
                }
            }

            @Override
            public boolean hasConsole(Instance instance) {
                return !model.isSandbox();
            }

            @Override
            public void openConsole(Instance instance) {
                browser.accept(ConsoleLinks.instance(instance));
            }

            @Override
            public String sshCommand(Instance instance) {
                return model.operations().sshCommand(instance);
            }

            @Override
            public Optional<String> preferredAction(Instance instance) {
                return model.operations().bestWay(instance).map(w -> InstanceActions.actionFor(instance, w));
            }
        }, gate);
        table = new InstanceTablePane(model, actions);
        selectors = new SelectorBar(model, table.table(), actions::runDefault);
        SplitPane split = new SplitPane(table.table(), new InstanceDetailView(model).node());
        KeptDivider.keep(split, 0.55);
        Tab instances = new Tab("Instances", split);
        instances.setClosable(false);
        sessions = new SessionTabs(instances, model.connections().shells(), model.connections().ssmShells(), this::window);
        doctors = new DoctorTabs(model, dialogs, gate, (instance, way) -> actions.run(InstanceActions.actionFor(
                instance, way), instance), sessions::showDoctor);
        root.setTop(new VBox(new MainMenu(model, actions).node(selectors::focusFilter, this::quit), selectors.node()));
        root.setCenter(sessions.node());
        root.setBottom(new StatusBar(model, this::window).node());
        sessions.useDarkTerminals(model.appearance().darkTerminalsProperty().get());
        model.appearance().darkTerminalsProperty().addListener((obs, old, dark) -> sessions.useDarkTerminals(dark));
    }

    public Node root() {
        return root;
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    public void show(Stage stage) {
        WindowPlacement place = WindowPlacement.of(model.settings().appearance().window(), Screen.getPrimary().getVisualBounds(),
                Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        Scene scene = new Scene(root, place.sceneWidth(), place.sceneHeight());
        scene.getStylesheets().add(Objects.requireNonNull(MainView.class.getResource("gangway.css")).toExternalForm());
        scene.getAccelerators().put(MainMenu.REFRESH_ALT, model::refresh);
        applyTheme(model.appearance().themeProperty().get());
        model.appearance().themeProperty().addListener((obs, old, t) -> applyTheme(t));
        stage.setTitle(model.isSandbox() ? "Gangway — Sandbox" : "Gangway");
        stage.getIcons().setAll(icons());
        stage.setScene(scene);
        Rectangle2D b = place.stageBounds();
        if (b != null) {
            stage.setX(b.getMinX());
            stage.setY(b.getMinY());
            stage.setWidth(b.getWidth());
            stage.setHeight(b.getHeight());
            stage.setMaximized(place.maximized());
        }
        // A tunnel whose session ended by itself (lost, terminated elsewhere, timed out) is said, not just gone.
        model.connections().tunnels().onEnded(t -> model.tasks().onUi(() -> model.notifier().error("Tunnel to "
                + t.instance().displayName() + " closed", t.localAddress() + " → " + t.forward().destination() + ": "
                + t.forward().endReason().orElse("its " + t.route() + " session ended.")
                + " Open it again from the instance's menu.")));
        stage.setOnCloseRequest(e -> {
            boolean quit = quitting;
            quitting = false;
            if (!sessions.confirmEnding(dialogs, model.connections().tunnels().all().size(), quit)) {
                e.consume();
                return;
            }
            model.rememberWindow(new Settings.WindowBounds(stage.getX(), stage.getY(),
                    stage.getWidth(), stage.getHeight(), stage.isMaximized()));
        });
        // Sessions end with the window, also when another scene takes its place (each terminal's repaint
        // timer must be stopped: jeditermfx's own clean-up fails once the terminal is garbage).
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> closeSessions());
        scene.windowProperty().addListener((obs, old, w) -> {
            if (w == null) {
                closeSessions();
            }
        });
        stage.show();
        WindowSizeGuard.keepShownSize(stage);
        table.table().requestFocus();
    }

    private void quit() {
        quitting = true;
        window().fireEvent(new WindowEvent(window(), WindowEvent.WINDOW_CLOSE_REQUEST));
    }

    /** The window's icon in every size the desktop may pick from (title bar, taskbar, task switcher). */
    static List<Image> icons() {
        List<Image> images = new ArrayList<>();
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            try (InputStream png = MainView.class.getResourceAsStream("/dev/gangway/icons/gangway-" + size + ".png")) {
                if (png != null) {
                    images.add(new Image(png));
                }
            } catch (IOException e) {
                // A window without that size of icon: the desktop scales another.
            }
        }
        return images;
    }

    /**
     * Makes the theme's stylesheet the user-agent stylesheet. Called before the first control of the
     * process exists, it also spares loading JavaFX's own Modena, which {@code Control}'s class
     * initialiser loads when no user-agent stylesheet is set yet (~150 ms of a cold start).
     */
    public static void applyTheme(Settings.Theme theme) {
        String stylesheet = theme == Settings.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!stylesheet.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(stylesheet);
        }
    }

    /** For tests: how soon a copied password is cleared, and how often a password not ready yet is asked for. */
    public void timings(Duration clipboardClear, Duration retry) {
        clipboard = new ClipboardGuard(clipboardClear, model.tasks());
        passwordRetry = retry;
    }

    /** Closes every terminal tab, and with it its shell and its connection; clears a copied password. */
    public void closeSessions() {
        clipboard.clearNow();
        model.operations().closing();
        sessions.closeAll();
        model.connections().tunnels().stopAll();
        model.operations().removeTemporaryRules();
        if (tunnelsPane != null) {
            tunnelsPane.dispose();
        }
    }

    /** Double-click or Enter: a terminal tab for a running Linux instance, Remote Desktop for Windows. */
    void connect(Instance instance) {
        actions.runDefault(instance);
    }

    private void openSsh(Instance instance, boolean instanceConnect) {
        if (gate.admits(instance)) {
            sessions.openSsh(instance, instanceConnect, model.operations().session(instance));
        }
    }

    private void openSshOverSessionManager(Instance instance) {
        if (gate.admits(instance)) {
            sessions.openSshOverSessionManager(instance);
        }
    }

    /**
     * "Forward a port…": asks which port, opens the forward in the background, and shows it in the
     * Tunnels tab; a forward that cannot open says why.
     */
    void forwardPort(Instance instance) {
        if (!gate.admits(instance)) {
            return;
        }
        ForwardDialog.ask(window(), instance).ifPresent(r -> {
            Settings.TunnelPreset preset = new Settings.TunnelPreset(r.remoteHost(), r.remotePort(), r.localPort(),
                    r.throughEndpoint() ? Settings.TunnelPreset.ENDPOINT : Settings.TunnelPreset.SESSION_MANAGER);
            if (r.save()) {
                model.saveTunnel(instance, preset);
            }
            openTunnel(instance, preset);
        });
    }

    /** Opens {@code preset}'s forward in the background and shows it in the Tunnels tab; one that cannot open says why. */
    void openTunnel(Instance instance, Settings.TunnelPreset preset) {
        if (!gate.admits(instance)) {
            return;
        }
        model.connections().portForwards().open(instance, preset, forward -> {
            model.connections().tunnels().add(instance, forward);
            sessions.showTunnels(tunnelsPane());
        }, e -> model.notifier().error("Could not forward a port of " + instance.displayName(),
                ErrorMessages.message(e)));
    }

    private TunnelsPane tunnelsPane() {
        if (tunnelsPane == null) {
            tunnelsPane = new TunnelsPane(model.connections().tunnels());
        }
        return tunnelsPane;
    }

    /** "Get Windows password": a dialog with the user and the decrypted password. */
    void showPassword(Instance instance) {
        new WindowsPasswordDialog(window(), instance, model.connections().passwords(), new FxConnectQuestions(this::window),
                clipboard, passwordRetry, model.tasks()).show(() -> remoteDesktop(instance));
    }

    /**
     * Remote Desktop: the installed client started with a .rdp file and the password (or the password
     * on the clipboard for clients that take none); without a client, what to install and the file.
     */
    void remoteDesktop(Instance instance) {
        remoteDesktop(instance, RemoteDesktop.Via.AUTO);
    }

    /**
     * Remote Desktop as {@code via} says; over Session Manager (chosen, or because the RDP port is
     * closed to the user), its tunnel is listed in the Tunnels view until the client is done.
     */
    void remoteDesktop(Instance instance, RemoteDesktop.Via via) {
        // The rules keep the user's IP out and nothing carries it: a client would not connect; ask first.
        Optional<PortExposure> shut = model.operations().rdpPortShut(instance, via);
        if (shut.isPresent()) {
            int choice = dialogs.choose("rdp-port-shut", "Remote Desktop to " + instance.displayName(),
                    "Port " + shut.get().port() + (shut.get().verdict() == PortExposure.Verdict.CLOSED
                            ? " is not open to anyone." : " is not open to your IP."), shut.get().sentence()
                            + "\n\nThe client would most likely not connect. The connection doctor checks every way "
                            + "in and offers what would work: a rule for your IP, Session Manager, an Instance Connect "
                            + "Endpoint.", "Open the connection doctor", "Start anyway");
            if (choice == 0) {
                openDoctor(instance);
            }
            if (choice != 1) {
                return;
            }
        }
        // What happens is said in place in the status bar; only a failure stays, as a notification.
        new RemoteDesktopStart(model.notes().over(model.notifier()), model.connections().remoteDesktop(), model.tasks(), this::window,
                clipboard)
                .start(instance, via, tunnel -> {
                    if (tunnel instanceof Forward forward) {
                        model.connections().tunnels().add(instance, forward);
                    }
                }, () -> model.operations().session(instance));
    }

    /** The action Enter and double-click take on {@code instance} now (its menu item's id). */
    Optional<String> defaultActionId(Instance instance) {
        return actions.defaultFor(instance).map(InstanceAction::id);
    }

    /** The connection doctor's tab for {@code instance} (see {@link DoctorTabs}). */
    void openDoctor(Instance instance) {
        doctors.open(instance);
    }

    /** The user, port, address and key file used for {@code instance}, set by the user and remembered. */
    void editLogin(Instance instance) {
        Settings current = model.settings();
        LoginSettingsDialog.ask(window(), instance, current.login(instance.id()),
                current.keyFile(instance.keyName())).ifPresent(login -> model.rememberLogin(instance.id(), login));
    }

    void focusFilter() {
        selectors.focusFilter();
    }

    /** The terminal shown in {@code tab}, or null (for tests that read its screen). */
    TerminalTab terminalOf(Tab tab) {
        return sessions.terminalOf(tab);
    }
}
