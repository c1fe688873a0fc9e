package dev.gangway.shell;

import java.util.List;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.settings.Settings;

/** The menu bar: File (Refresh, Quit), Edit (the copy actions, the filter, the Remote Desktop client), View. */
final class MainMenu {

    static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    static final KeyCombination REFRESH_ALT = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination COPY_ID = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);

    private final MainViewModel model;
    private final InstanceActions actions;

    MainMenu(MainViewModel model, InstanceActions actions) {
        this.model = model;
        this.actions = actions;
    }

    MenuBar node(Runnable focusFilter, Runnable quit) {
        MenuItem refreshItem = new MenuItem("Refresh");
        refreshItem.setAccelerator(REFRESH);
        refreshItem.setOnAction(e -> model.refresh());
        MenuItem quitItem = new MenuItem("Quit");
        quitItem.setAccelerator(QUIT);
        quitItem.setOnAction(e -> quit.run());
        Menu file = new Menu("File", null, refreshItem, new SeparatorMenuItem(), quitItem);

        MenuItem find = new MenuItem("Filter instances");
        find.setAccelerator(FIND);
        find.setOnAction(e -> focusFilter.run());
        Menu edit = new Menu("Edit", null, actions.copyItems(model.selectedProperty(), true));
        edit.getItems().addAll(new SeparatorMenuItem(), find, new SeparatorMenuItem(), rdpClientMenu());

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setSelected(model.appearance().themeProperty().get() == Settings.Theme.DARK);
        dark.selectedProperty().addListener((obs, old, on) -> model.appearance().setTheme(on ? Settings.Theme.DARK : Settings.Theme.LIGHT));
        Menu view = new Menu("View", null, dark, terminalColoursMenu());
        Menu instance = new Menu("Instance", null, actions.lifecycleItems(model.selectedProperty()));
        instance.setId("instance-menu");
        MenuBar bar = new MenuBar(file, edit, instance, view);
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
        String chosen = model.settings().connections().rdpClient();
        automatic.setSelected(chosen == null);
        for (RdpLaunchers.Launcher client : model.connections().remoteDesktop().clients()) {
            RadioMenuItem item = new RadioMenuItem(client.name());
            item.setToggleGroup(group);
            item.setSelected(client.name().equalsIgnoreCase(String.valueOf(chosen)));
            item.setOnAction(e -> model.rememberRdpClient(client.name()));
            menu.getItems().add(item);
        }
        // Installed or not is asked when the menu opens: a client installed meanwhile shows up.
        menu.setOnShowing(e -> {
            List<RdpLaunchers.Launcher> clients = model.connections().remoteDesktop().clients();
            for (int i = 0; i < clients.size(); i++) {
                MenuItem item = menu.getItems().get(i + 1);
                boolean installed = clients.get(i).isAvailable();
                item.setText(clients.get(i).name() + (installed ? "" : " (not installed)"));
                item.setDisable(!installed);
            }
        });
        return menu;
    }

    /** The terminals' colours: as the theme (the default), or always light or dark. */
    private Menu terminalColoursMenu() {
        ToggleGroup group = new ToggleGroup();
        Menu menu = new Menu("Terminal colours");
        menu.setId("terminal-colours-menu");
        for (Settings.Theme choice : new Settings.Theme[] {null, Settings.Theme.LIGHT, Settings.Theme.DARK}) {
            RadioMenuItem item = new RadioMenuItem(choice == null ? "As the theme"
                    : choice == Settings.Theme.LIGHT ? "Always light" : "Always dark");
            item.setToggleGroup(group);
            item.setSelected(model.appearance().terminalThemeProperty().get() == choice);
            item.setOnAction(e -> model.appearance().setTerminalTheme(choice));
            menu.getItems().add(item);
        }
        return menu;
    }
}
