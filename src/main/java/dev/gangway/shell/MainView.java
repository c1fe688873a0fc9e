package dev.gangway.shell;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.controlsfx.control.CheckComboBox;

import dev.gangway.common.ErrorMessages;
import dev.gangway.connect.ui.FxConnectQuestions;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.inventory.FetchFailure;
import dev.gangway.inventory.ui.InstanceColumns;
import dev.gangway.inventory.ui.InstanceDetailView;
import dev.gangway.inventory.ui.InstanceRow;
import dev.gangway.inventory.ui.InstanceTableSkin;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.rdp.ui.RemoteDesktopStart;
import dev.gangway.settings.Settings;
import dev.gangway.settings.ui.LoginSettingsDialog;
import dev.gangway.ssh.SshPlanner;
import dev.gangway.terminal.ui.TerminalTab;
import dev.gangway.windowspassword.ui.ClipboardGuard;
import dev.gangway.windowspassword.ui.WindowsPasswordDialog;

/** The main window: selectors and filter on top, the instance table, the detail pane, a status bar. */
public final class MainView {

    static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    static final KeyCombination REFRESH_ALT = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination COPY_ID = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter LAUNCHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final MainViewModel model;
    private final TableView<InstanceRow> table = new TableView<>();
    private final CustomTextField filter = new CustomTextField();
    private final CheckComboBox<String> profiles = new CheckComboBox<>();
    private final CheckComboBox<String> regions = new CheckComboBox<>();
    private final CheckBox allRegions = new CheckBox("All enabled");
    private final Button refresh = new Button("Refresh");
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final Map<Tab, TerminalTab> terminals = new HashMap<>();
    private boolean syncing;
    private ClipboardGuard clipboard = new ClipboardGuard(ClipboardGuard.CLEAR_AFTER);
    private Duration passwordRetry = WindowsPasswordDialog.RETRY_EVERY;

    public MainView(MainViewModel model) {
        this.model = model;
        root.setTop(new VBox(menuBar(), toolBarWithBadge()));
        SplitPane split = new SplitPane(tableNode(), new InstanceDetailView(model).node());
        split.setDividerPositions(0.58);
        Tab instances = new Tab("Instances", split);
        instances.setClosable(false);
        tabs.setId("tabs");
        tabs.getTabs().add(instances);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        root.setCenter(tabs);
        root.setBottom(statusBar());
    }

    public Node root() {
        return root;
    }

    public void show(Stage stage) {
        WindowPlacement place = WindowPlacement.of(model.settings().window(), Screen.getPrimary().getVisualBounds(),
                Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        Scene scene = new Scene(root, place.sceneWidth(), place.sceneHeight());
        scene.getStylesheets().add(Objects.requireNonNull(MainView.class.getResource("gangway.css")).toExternalForm());
        scene.getAccelerators().put(REFRESH_ALT, model::refresh);
        applyTheme(model.themeProperty().get());
        model.themeProperty().addListener((obs, old, t) -> applyTheme(t));
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
        stage.setOnCloseRequest(e -> {
            if (!confirmEndingSessions()) {
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
        table.requestFocus();
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

    /** For tests: how soon a copied password is cleared, and how often a password not ready yet is asked for. */
    void timings(Duration clipboardClear, Duration retry) {
        clipboard = new ClipboardGuard(clipboardClear);
        passwordRetry = retry;
    }

    /**
     * Before the window closes (its close button, Quit): when terminal sessions are still connected,
     * asks whether to end them, as a desktop terminal does; true to go on closing.
     */
    private boolean confirmEndingSessions() {
        List<String> connected = tabs.getTabs().stream().map(terminals::get)
                .filter(t -> t != null && t.isConnected()).map(t -> t.tab().getText()).toList();
        if (connected.isEmpty()) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(root.getScene().getWindow());
        ask.getDialogPane().setId("end-sessions");
        ask.setTitle("Close Gangway");
        ask.setHeaderText(connected.size() == 1 ? "A terminal session is still connected."
                : connected.size() + " terminal sessions are still connected.");
        ask.setContentText(String.join("\n", connected) + "\n\nClosing the window logs out of "
                + (connected.size() == 1 ? "it" : "them") + ": what runs in the shell stops, unless it was "
                + "started in tmux or screen, or with nohup.");
        ButtonType close = new ButtonType("Close window", ButtonBar.ButtonData.OK_DONE);
        ask.getButtonTypes().setAll(close, ButtonType.CANCEL);
        return ask.showAndWait().filter(b -> b == close).isPresent();
    }

    /** Closes every terminal tab, and with it its shell and its connection. */
    public void closeSessions() {
        clipboard.clearNow();
        List<TerminalTab> open = new ArrayList<>(terminals.values());
        terminals.clear();
        open.forEach(t -> tabs.getTabs().remove(t.tab()));
    }

    /**
     * Makes the theme's stylesheet the user-agent stylesheet. Called before the first control of the
     * process exists, it also spares loading JavaFX's own Modena, which {@code Control}'s class
     * initialiser loads when no user-agent stylesheet is set yet (~150 ms of a cold start).
     */
    public static void applyTheme(String theme) {
        String stylesheet = Settings.DARK.equals(theme)
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!stylesheet.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(stylesheet);
        }
    }

    // ---- menus and toolbar ----------------------------------------------------------------

    private MenuBar menuBar() {
        MenuItem refreshItem = new MenuItem("Refresh");
        refreshItem.setAccelerator(REFRESH);
        refreshItem.setOnAction(e -> model.refresh());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> root.getScene().getWindow().fireEvent(new WindowEvent(
                root.getScene().getWindow(), WindowEvent.WINDOW_CLOSE_REQUEST)));
        Menu file = new Menu("File", null, refreshItem, new SeparatorMenuItem(), quit);

        MenuItem find = new MenuItem("Filter instances");
        find.setAccelerator(FIND);
        find.setOnAction(e -> focusFilter());
        Menu edit = new Menu("Edit", null, copyItems(true));
        edit.getItems().addAll(new SeparatorMenuItem(), find, new SeparatorMenuItem(), rdpClientMenu());

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setSelected(Settings.DARK.equals(model.themeProperty().get()));
        dark.selectedProperty().addListener((obs, old, on) -> model.setTheme(on ? Settings.DARK : Settings.LIGHT));
        Menu view = new Menu("View", null, dark);
        MenuBar bar = new MenuBar(file, edit, view);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** Which Remote Desktop client to start: the first installed, or one the user picks (remembered). */
    private Menu rdpClientMenu() {
        Menu menu = new Menu("Remote Desktop client");
        menu.setId("rdp-client-menu");
        ToggleGroup group = new ToggleGroup();
        RadioMenuItem automatic = new RadioMenuItem("First one installed");
        automatic.setToggleGroup(group);
        automatic.setOnAction(e -> model.rememberRdpClient(null));
        menu.getItems().add(automatic);
        String chosen = model.settings().rdpClient();
        automatic.setSelected(chosen == null);
        for (RdpLaunchers.Launcher client : model.remoteDesktop().clients()) {
            RadioMenuItem item = new RadioMenuItem(client.name());
            item.setToggleGroup(group);
            item.setSelected(client.name().equalsIgnoreCase(String.valueOf(chosen)));
            item.setOnAction(e -> model.rememberRdpClient(client.name()));
            menu.getItems().add(item);
        }
        // Installed or not is asked when the menu opens: a client installed meanwhile shows up.
        menu.setOnShowing(e -> {
            List<RdpLaunchers.Launcher> clients = model.remoteDesktop().clients();
            for (int i = 0; i < clients.size(); i++) {
                MenuItem item = menu.getItems().get(i + 1);
                boolean installed = clients.get(i).isAvailable();
                item.setText(clients.get(i).name() + (installed ? "" : " (not installed)"));
                item.setDisable(!installed);
            }
        });
        return menu;
    }

    private MenuItem[] copyItems(boolean withAccelerator) {
        MenuItem id = copyItem("Copy instance ID", i -> i.id());
        if (withAccelerator) {
            id.setAccelerator(COPY_ID);
        }
        return new MenuItem[] {
            id,
            copyItem("Copy public IP", Instance::publicIp),
            copyItem("Copy public DNS", Instance::publicDns),
            copyItem("Copy private IP", Instance::privateIp),
        };
    }

    private MenuItem copyItem(String text, Function<Instance, String> value) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> {
            Instance i = model.selectedProperty().get();
            if (i != null && value.apply(i) != null) {
                ClipboardContent content = new ClipboardContent();
                content.putString(value.apply(i));
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        item.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            Instance i = model.selectedProperty().get();
            return i == null || value.apply(i) == null;
        }, model.selectedProperty()));
        return item;
    }

    private ToolBar toolBar() {
        profiles.setId("profiles");
        profiles.setTitle("Profiles");
        profiles.setShowCheckedCount(true);
        profiles.getItems().setAll(model.availableProfiles());
        model.selectedProfiles().forEach(p -> profiles.getCheckModel().check(p));
        profiles.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> {
            if (!syncing) {
                model.selectProfiles(List.copyOf(profiles.getCheckModel().getCheckedItems()));
            }
        });
        profiles.setTooltip(new Tooltip("AWS profiles to list"));
        // Lists again once the user has made up their mind: when the popup closes, not at every tick.
        profiles.addEventHandler(ComboBoxBase.ON_HIDDEN, e -> model.refreshIfSelectionChanged());

        regions.setId("regions");
        regions.setTitle("Regions");
        regions.setShowCheckedCount(true);
        regions.setTooltip(new Tooltip("Regions to list"));
        model.availableRegions().addListener((ListChangeListener<String>) c -> syncRegions());
        regions.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> {
            if (!syncing && !allRegions.isSelected()) {
                model.selectRegions(List.copyOf(regions.getCheckModel().getCheckedItems()), false);
            }
        });
        regions.addEventHandler(ComboBoxBase.ON_HIDDEN, e -> model.refreshIfSelectionChanged());
        allRegions.setId("all-regions");
        allRegions.setSelected(model.allRegionsProperty().get());
        allRegions.setTooltip(new Tooltip("List every region enabled for the account"));
        allRegions.selectedProperty().addListener((obs, old, all) -> {
            // Unticked: the regions the user chose before, or else every one that was just listed,
            // so the selector never claims fewer regions than the table shows.
            List<String> chosen = all || !model.selectedRegions().isEmpty()
                    ? List.copyOf(model.selectedRegions()) : List.copyOf(model.availableRegions());
            model.selectRegions(chosen, all);
            syncRegions();
            model.refreshIfSelectionChanged();
        });
        regions.disableProperty().bind(allRegions.selectedProperty());
        syncRegions();

        refresh.setId("refresh");
        refresh.setTooltip(new Tooltip("Refresh (F5 / " + REFRESH_ALT.getDisplayText() + ")"));
        refresh.textProperty().bind(Bindings.when(model.refreshingProperty()).then("Cancel").otherwise("Refresh"));
        refresh.setOnAction(e -> {
            if (model.refreshingProperty().get()) {
                model.cancelRefresh();
            } else {
                model.refresh();
            }
        });

        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(120);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.refreshingProperty());
        // Out of the layout while nothing is listed, so the toolbar leaves the filter that room.
        progress.managedProperty().bind(progress.visibleProperty());
        Label progressText = new Label();
        progressText.setId("progress-text");
        progressText.textProperty().bind(model.progressTextProperty());
        progressText.getStyleClass().add(Styles.TEXT_MUTED);
        progressText.managedProperty().bind(progressText.textProperty().isNotEmpty());

        filter.setId("filter");
        filter.setPromptText("Filter: name, tag, id, IP, DNS  (" + FIND.getDisplayText() + ")");
        filter.setPrefColumnCount(28);
        filter.textProperty().bindBidirectional(model.filterTextProperty());
        Label clear = new Label("✕");
        clear.getStyleClass().add("clear-filter");
        clear.visibleProperty().bind(filter.textProperty().isNotEmpty());
        clear.setOnMouseClicked(e -> filter.clear());
        filter.setRight(clear);
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                filter.clear();
                table.requestFocus();
            } else if (e.getCode() == KeyCode.DOWN) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
            } else if (e.getCode() == KeyCode.ENTER) {
                // As in a launcher's quick-connect box: the selected row, or the first one the filter left.
                if (table.getSelectionModel().isEmpty() && !filter.getText().isBlank() && !table.getItems().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
                selectedInstance().ifPresent(this::connect);
                e.consume();
            }
        });

        return new ToolBar(profiles, regions, allRegions, refresh, progress, progressText);
    }

    /**
     * The toolbar, with the filter and the Sandbox badge beside it rather than in it: a narrow window
     * moves toolbar items into its overflow menu, and neither may be hidden ({@link ToolbarRow}).
     */
    private Node toolBarWithBadge() {
        ToolBar bar = toolBar();
        if (!model.isSandbox()) {
            return new ToolbarRow(bar, filter, null);
        }
        Label badge = new Label("Sandbox");
        badge.setId("sandbox-badge");
        badge.getStyleClass().addAll("sandbox-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        badge.setTooltip(new Tooltip("No AWS credentials were found (or --sandbox was given): this is Gangway's "
                + "built-in sandbox cloud on 127.0.0.1, not AWS."));
        return new ToolbarRow(bar, filter, badge);
    }

    private void syncRegions() {
        syncing = true;
        try {
            List<String> available = new ArrayList<>(model.availableRegions());
            for (String r : model.selectedRegions()) {
                if (!available.contains(r)) {
                    available.add(r);
                }
            }
            regions.getItems().setAll(available);
            regions.getCheckModel().clearChecks();
            if (model.allRegionsProperty().get()) {
                // "All enabled": every region is listed, and the (disabled) selector says so.
                regions.getCheckModel().checkAll();
            } else {
                model.selectedRegions().forEach(r -> regions.getCheckModel().check(r));
            }
        } finally {
            syncing = false;
        }
    }

    void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    // ---- table ----------------------------------------------------------------------------

    private Node tableNode() {
        table.setId("instances");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setPlaceholder(new Label("No instances to show."));
        // A fixed row height spares the table from measuring every row on each filter keystroke.
        table.setFixedCellSize(28);
        table.setSkin(new InstanceTableSkin<>(table));
        table.setItems(model.visibleRows());
        // The model keeps its rows sorted; the table only tells it which order (see sortBy).
        table.setSortPolicy(t -> {
            Instance keep = model.selectedProperty().get();
            model.sortBy(t.getComparator());
            reselect(keep);
            return true;
        });

        TableColumn<InstanceRow, String> name = InstanceColumns.text("Name", r -> r.instance().name(), 160);
        table.getColumns().add(name);
        table.getColumns().add(InstanceColumns.text("Instance ID", r -> r.instance().id(), 185));
        table.getColumns().add(InstanceColumns.state());
        table.getColumns().add(InstanceColumns.text("Type", r -> r.instance().instanceType(), 90));
        table.getColumns().add(InstanceColumns.text("Platform", r -> r.instance().platform().label(), 80));
        table.getColumns().add(InstanceColumns.text("Public IP / DNS", InstanceRow::publicAddress, 200));
        table.getColumns().add(InstanceColumns.text("Private IP", r -> r.instance().privateIp(), 110));
        table.getColumns().add(InstanceColumns.text("IPv6", r -> String.join(", ", r.instance().ipv6Addresses()), 90));
        table.getColumns().add(InstanceColumns.text("AZ", r -> r.instance().availabilityZone(), 110));
        table.getColumns().add(InstanceColumns.text("Key pair", r -> r.instance().keyName(), 120));
        TableColumn<InstanceRow, Instant> launched = new TableColumn<>("Launched");
        launched.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().instance().launchTime()));
        launched.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : LAUNCHED.format(t));
            }
        });
        launched.setPrefWidth(130);
        table.getColumns().add(launched);
        TableColumn<InstanceRow, String> profile = InstanceColumns.text("Profile", r -> r.instance().profile(), 90);
        profile.visibleProperty().bind(Bindings.size(model.selectedProfiles()).greaterThan(1));
        table.getColumns().add(profile);
        table.getSortOrder().add(name);

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.selectedProperty().set(row.instance());
            } else if (!isVisible(model.selectedProperty().get())) {
                model.selectedProperty().set(null);
            }
        });
        // Filtering replaces the visible rows; keep the selected instance selected while it is shown.
        model.visibleRows().addListener((ListChangeListener<InstanceRow>) c -> reselect(model.selectedProperty().get()));
        model.selectedProperty().addListener((obs, old, instance) -> {
            InstanceRow current = table.getSelectionModel().getSelectedItem();
            if (instance == null && current != null) {
                table.getSelectionModel().clearSelection();
            } else if (instance != null && (current == null || current.instance() != instance)) {
                table.getItems().stream().filter(r -> r.instance() == instance).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r));
            }
        });

        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                selectedInstance().ifPresent(this::connect);
            }
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && selectedInstance().isPresent()) {
                connect(selectedInstance().get());
                e.consume();
            }
        });

        MenuItem openSsh = new MenuItem("Open SSH terminal");
        openSsh.setOnAction(e -> selectedInstance().ifPresent(this::connect));
        MenuItem instanceConnect = new MenuItem("Connect with EC2 Instance Connect");
        instanceConnect.setId("instance-connect-item");
        instanceConnect.setOnAction(e -> selectedInstance().ifPresent(i -> connect(i, true)));
        MenuItem loginSettings = new MenuItem("SSH login settings…");
        loginSettings.setId("login-settings-item");
        loginSettings.setOnAction(e -> selectedInstance().ifPresent(this::editLogin));
        MenuItem remoteDesktop = new MenuItem("Remote Desktop");
        remoteDesktop.setId("remote-desktop-item");
        remoteDesktop.setOnAction(e -> selectedInstance().ifPresent(this::remoteDesktop));
        MenuItem windowsPassword = new MenuItem("Get Windows password…");
        windowsPassword.setId("windows-password-item");
        windowsPassword.setOnAction(e -> selectedInstance().ifPresent(this::showPassword));
        ContextMenu menu = new ContextMenu(openSsh, instanceConnect, remoteDesktop, windowsPassword, loginSettings,
                new SeparatorMenuItem());
        // Each platform's own ways in: SSH for Linux, Remote Desktop and the password for Windows.
        menu.setOnShowing(e -> {
            boolean windows = selectedInstance().map(i -> i.platform() == GuestOs.WINDOWS).orElse(false);
            openSsh.setVisible(!windows);
            instanceConnect.setVisible(!windows);
            remoteDesktop.setVisible(windows);
            windowsPassword.setVisible(windows);
            loginSettings.setText(windows ? "Login settings…" : "SSH login settings…");
        });
        menu.getItems().addAll(copyItems(false));
        MenuItem refreshItem = new MenuItem("Refresh");
        refreshItem.setAccelerator(REFRESH);
        refreshItem.setOnAction(e -> model.refresh());
        menu.getItems().addAll(new SeparatorMenuItem(), refreshItem);
        table.setContextMenu(menu);
        return table;
    }

    // ---- sessions ---------------------------------------------------------------------------

    /** Double-click or Enter: a terminal tab for a running Linux instance; otherwise say what to do. */
    void connect(Instance instance) {
        connect(instance, false);
    }

    /** As {@link #connect(Instance)}; with {@code instanceConnect}, logs in with a key pushed by EC2 Instance Connect. */
    void connect(Instance instance, boolean instanceConnect) {
        String name = instance.displayName();
        boolean windows = instance.platform() == GuestOs.WINDOWS;
        if (instance.state() == InstanceState.STOPPED) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
            ask.initOwner(root.getScene().getWindow());
            ask.setTitle("Start " + name);
            ask.setHeaderText(name + " is stopped.");
            ask.setContentText("Start it? It is billed while it runs. Once it is running, double-click it again.");
            ButtonType start = new ButtonType("Start instance", ButtonBar.ButtonData.OK_DONE);
            ask.getButtonTypes().setAll(start, ButtonType.CANCEL);
            ask.showAndWait().filter(b -> b == start).ifPresent(b -> model.startInstance(instance));
            return;
        }
        if (instance.state() != InstanceState.RUNNING) {
            model.notifier().info(name + " is " + instance.state().ec2Name(), "Only a running instance takes "
                    + (windows ? "Remote Desktop" : "SSH") + " connections; refresh to see when it is.");
            return;
        }
        if (windows) {
            remoteDesktop(instance);
            return;
        }
        TerminalTab terminal = new TerminalTab(name, null);
        terminal.tab().setId("session-" + instance.id());
        terminals.put(terminal.tab(), terminal);
        terminal.tab().addEventHandler(Tab.CLOSED_EVENT, e -> terminals.remove(terminal.tab()));
        tabs.getTabs().add(terminal.tab());
        tabs.getSelectionModel().select(terminal.tab());
        open(instance, instanceConnect, terminal);
    }

    private void open(Instance instance, boolean instanceConnect, TerminalTab terminal) {
        String name = instance.displayName();
        terminal.setTitle(name + " — connecting…");
        terminal.connecting("Connecting to " + name + "…");
        FxConnectQuestions questions = new FxConnectQuestions(() -> root.getScene().getWindow());
        model.shells().open(instance, instanceConnect, questions, TerminalTab.COLUMNS, TerminalTab.ROWS, opened -> {
            if (terminal.tab().getTabPane() == null) {
                opened.shell().close();
                return;
            }
            SshPlanner.Plan plan = opened.plan();
            terminal.setTitle(name + " — " + plan.target().label());
            terminal.attach(opened.shell(), name, plan.target().label() + " · " + plan.addressKind()
                    + (plan.instanceConnect() ? " · key pushed by EC2 Instance Connect" : "")
                    + " · host key verified by " + opened.shell().session().hostKeyTrustedBy()
                    + (opened.warning() == null ? "" : " · " + opened.warning()));
        }, error -> {
            terminal.setTitle(name + " — not connected");
            terminal.failed(ErrorMessages.message(error));
        });
        terminal.onReconnect(() -> open(instance, instanceConnect, terminal));
    }

    // ---- Windows ------------------------------------------------------------------------------

    /** "Get Windows password": a dialog with the user and the decrypted password. */
    void showPassword(Instance instance) {
        new WindowsPasswordDialog(root.getScene().getWindow(), instance, model.passwords(),
                new FxConnectQuestions(() -> root.getScene().getWindow()), clipboard, passwordRetry)
                .show(() -> remoteDesktop(instance));
    }

    /**
     * Remote Desktop: the installed client started with a .rdp file and the password (or the password
     * on the clipboard for clients that take none); without a client, what to install and the file.
     */
    void remoteDesktop(Instance instance) {
        new RemoteDesktopStart(model.notifier(), model.remoteDesktop(), () -> root.getScene().getWindow(), clipboard).start(instance);
    }

    /** The user, port, address and key file used for {@code instance}, set by the user and remembered. */
    void editLogin(Instance instance) {
        Settings current = model.settings();
        LoginSettingsDialog.ask(root.getScene().getWindow(), instance, current.login(instance.id()),
                current.keyFile(instance.keyName())).ifPresent(login -> model.rememberLogin(instance.id(), login));
    }

    private Optional<Instance> selectedInstance() {
        InstanceRow row = table.getSelectionModel().getSelectedItem();
        return Optional.ofNullable(row == null ? null : row.instance());
    }

    /** The terminal shown in {@code tab}, or null (for tests that read its screen). */
    TerminalTab terminalOf(Tab tab) {
        return terminals.get(tab);
    }

    private boolean isVisible(Instance instance) {
        return instance != null && model.visibleRows().stream().anyMatch(r -> r.instance() == instance);
    }

    private void reselect(Instance instance) {
        if (instance == null) {
            return;
        }
        InstanceRow current = table.getSelectionModel().getSelectedItem();
        if (current != null && current.instance() == instance) {
            return;
        }
        List<InstanceRow> items = table.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).instance() == instance) {
                table.getSelectionModel().select(i);
                return;
            }
        }
    }

    // ---- status bar -----------------------------------------------------------------------

    private Node statusBar() {
        Label summary = new Label();
        summary.setId("summary");
        summary.textProperty().bind(model.summaryProperty());
        Hyperlink failures = new Hyperlink();
        failures.setId("failures-link");
        failures.textProperty().bind(Bindings.createStringBinding(() -> model.failures().isEmpty() ? ""
                : "Show what failed (" + model.failures().size() + ")", model.failures()));
        failures.visibleProperty().bind(Bindings.isNotEmpty(model.failures()));
        failures.setOnAction(e -> showFailures());
        Label source = new Label(model.isSandbox() ? "Sandbox cloud on 127.0.0.1" : "AWS");
        source.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, summary, failures, spacer, source);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void showFailures() {
        StringBuilder text = new StringBuilder();
        for (FetchFailure f : model.failures()) {
            text.append("• ").append(f.where()).append(": ").append(f.message()).append("\n\n");
        }
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle("What could not be listed");
        alert.setHeaderText(model.failures().size() + (model.failures().size() == 1 ? " place" : " places")
                + " could not be listed; the others are shown.");
        Label body = new Label(text.toString().trim());
        body.setWrapText(true);
        body.setMaxWidth(560);
        alert.getDialogPane().setContent(body);
        alert.show();
    }
}
