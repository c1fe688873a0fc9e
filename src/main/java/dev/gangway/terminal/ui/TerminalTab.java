package dev.gangway.terminal.ui;

import atlantafx.base.theme.Styles;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

import dev.gangway.terminal.RemoteShell;
import dev.gangway.terminal.SessionState;

/**
 * One SSH session in a tab: the terminal, and a bar that says how it was reached, and when it ends,
 * why, with Reconnect. Closing the tab closes the shell and its connection.
 */
public final class TerminalTab {

    public static final int COLUMNS = 120;
    public static final int ROWS = 34;

    private final String name;
    private final Tab tab = new Tab();
    /** The whole story the short title leaves out: where the session goes and how it stands. */
    private final Tooltip tip = new Tooltip();
    /** Where the session goes ("ec2-user@127.0.0.1:2201", "Session Manager"), or what it is doing. */
    private String target = "";
    private final BorderPane content = new BorderPane();
    private final Label status = new Label();
    private final Button reconnect = new Button("Reconnect");
    /** The tab's mark of where the session stands. */
    private final Circle dot = new Circle(4);
    private JediTermFxWidget widget;
    private RemoteShell shell;
    private SessionState state = new SessionState.Connecting("");
    /** Whether the terminal shows light text on a dark page (the dark theme, or as set apart). */
    private boolean dark;

    private Runnable onReconnect = () -> { };

    /**
     * @param name the tab's short title: the instance's name, numbered when it has another tab
     *             ("web-1 (2)"); the target and the state go in the tooltip and the status line
     */
    public TerminalTab(String name, Runnable onReconnect) {
        this.name = name;
        if (onReconnect != null) {
            this.onReconnect = onReconnect;
        }
        tab.setText(name);
        tab.setTooltip(tip);
        tip.setText(name);
        tab.setGraphic(dot);
        tab.setContent(content);
        tab.getStyleClass().add("terminal-tab");
        status.setId("terminal-status");
        status.setWrapText(true);
        reconnect.setId("terminal-reconnect");
        reconnect.setVisible(false);
        reconnect.managedProperty().bind(reconnect.visibleProperty());
        // A long message wraps beside it; the button keeps its label.
        reconnect.setMinWidth(Region.USE_PREF_SIZE);
        reconnect.setOnAction(e -> this.onReconnect.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, status, spacer, reconnect);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("terminal-bar");
        content.setBottom(bar);
        // However the tab goes (its close button, the window going away), its session ends with it.
        tab.tabPaneProperty().addListener((obs, old, pane) -> {
            if (pane == null) {
                close();
            }
        });
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                focusTerminal();
            }
        });
    }

    public void onReconnect(Runnable action) {
        this.onReconnect = action;
    }

    public Tab tab() {
        return tab;
    }

    /** The tab in words: its title, where the session goes and, once over, how it ended (the tooltip). */
    public String description() {
        return tip.getText();
    }

    /** The short title this tab was given. */
    public String name() {
        return name;
    }

    /** A login under way: "connecting…" in the tooltip, {@code text} on the status line. */
    public void connecting(String text) {
        target = "connecting…";
        show(new SessionState.Connecting(text));
    }

    /**
     * The session's state, on the status line, in the Reconnect button and on the tab: a dot (green
     * while connected, grey once ended, red when lost or failed) and, once over, a muted title
     * saying so ("web-1 — ended").
     */
    private void show(SessionState next) {
        state = next;
        String over = next.titleSuffix();
        tab.setText(over == null ? name : name + " — " + over);
        tip.setText(name + (target.isEmpty() ? "" : " — " + target) + (over == null ? "" : " (" + over + ")"));
        tab.getStyleClass().removeAll("session-over");
        if (over != null) {
            tab.getStyleClass().add("session-over");
        }
        dot.getStyleClass().setAll("session-dot", next instanceof SessionState.Connected ? "session-connected"
                : next instanceof SessionState.Connecting ? "session-connecting"
                : next.isProblem() ? "session-problem" : "session-ended");
        status.setText(next.status());
        status.getStyleClass().removeAll(Styles.DANGER);
        if (next.isProblem()) {
            status.getStyleClass().add(Styles.DANGER);
        }
        reconnect.setVisible(next.canReconnect());
    }

    /** Where the session stands. */
    public SessionState state() {
        return state;
    }

    /** Shows the shell in a new terminal and watches for its end. */
    public void attach(RemoteShell channel, String via, String info) {
        if (tab.getTabPane() == null) {
            // The tab was closed while the login ran: the shell that arrives now goes too.
            channel.close();
            return;
        }
        closeTerminal();
        target = via;
        this.shell = channel;
        widget = newTerminal(new ShellTtyConnector(channel, name), COLUMNS, ROWS, dark);
        content.setCenter(widget.getPane());
        widget.start();
        show(new SessionState.Connected(info));
        focusTerminal();
        Thread watcher = new Thread(() -> {
            Integer exit = channel.awaitEnd();
            boolean connectionUp = channel.connectionOpen();
            Platform.runLater(() -> {
                if (shell == channel) {
                    show(SessionState.ended(channel, exit, connectionUp));
                }
            });
        }, "gangway-session-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The terminal widget a tab shows, reading {@code channel} (also used by the text-flood benchmark). */
    public static JediTermFxWidget newTerminal(RemoteShell channel, String name, int columns, int rows) {
        return newTerminal(new ShellTtyConnector(channel, name), columns, rows);
    }

    public static JediTermFxWidget newTerminal(TtyConnector connector, int columns, int rows) {
        return newTerminal(connector, columns, rows, false);
    }

    static JediTermFxWidget newTerminal(TtyConnector connector, int columns, int rows, boolean dark) {
        JediTermFxWidget w = new GangwayTerminalWidget(columns, rows, new TerminalSettings(dark));
        w.setTtyConnector(connector);
        return w;
    }

    /** Light text on a dark page, or black on white: now, and for a terminal this tab opens later. */
    public void useDarkColours(boolean value) {
        dark = value;
        if (widget instanceof GangwayTerminalWidget w) {
            w.useColours(value);
        }
    }

    /**
     * Puts the keyboard in the terminal once it is on screen: a node added in this pulse cannot take
     * the focus until the scene has laid it out.
     */
    public void focusTerminal() {
        JediTermFxWidget w = widget;
        if (w == null) {
            return;
        }
        // The canvas, as a click would: key events then bubble to the panel that handles them.
        Node target = w.getTerminalPanel().getCanvas();
        Runnable focus = () -> {
            if (target.getScene() != null) {
                target.requestFocus();
            }
        };
        Platform.runLater(() -> Platform.runLater(focus));
    }

    /** The connection could not be made: say why, offer to try again. */
    public void failed(String message) {
        show(new SessionState.Failed(message));
    }

    /** Whether a shell is open in this tab: logged in, and neither exited nor dropped. */
    public boolean isConnected() {
        return state instanceof SessionState.Connected;
    }

    /** The terminal widget, for tests that read its screen. */
    public JediTermFxWidget widget() {
        return widget;
    }

    private void closeTerminal() {
        RemoteShell s = shell;
        shell = null;
        if (widget != null) {
            widget.close();
            widget = null;
        }
        if (s != null) {
            // Off the UI thread: ending a session can wait on the network (a Session Manager session
            // is terminated with an AWS call). Not a daemon, so that a closing app still ends it.
            Thread closer = new Thread(s::close, "gangway-session-close");
            closer.start();
        }
    }

    public void close() {
        closeTerminal();
    }
}
