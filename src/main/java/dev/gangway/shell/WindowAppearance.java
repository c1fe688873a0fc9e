package dev.gangway.shell;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import dev.gangway.settings.Settings;
import dev.gangway.settings.SettingsService;

/** The window's theme and its terminals' colours (as the theme, or set apart), remembered in the settings. */
public final class WindowAppearance {

    private final SettingsService settings;
    private final ObjectProperty<Settings.Theme> theme = new SimpleObjectProperty<>(Settings.Theme.LIGHT);
    /** The terminals' colours when set apart from the theme; null while they follow it. */
    private final ObjectProperty<Settings.Theme> terminalTheme = new SimpleObjectProperty<>();
    private final BooleanBinding darkTerminals = Bindings.createBooleanBinding(
            () -> (terminalTheme.get() == null ? theme.get() : terminalTheme.get()) == Settings.Theme.DARK,
            theme, terminalTheme);

    WindowAppearance(SettingsService settings, Settings.Appearance saved) {
        this.settings = settings;
        theme.set(saved.theme());
        terminalTheme.set(saved.terminalTheme());
    }

    /** Light or dark, remembered. */
    public void setTheme(Settings.Theme value) {
        theme.set(value);
        settings.update(s -> s.withTheme(value));
    }

    public ReadOnlyObjectProperty<Settings.Theme> themeProperty() {
        return theme;
    }

    /** The terminals' colours set apart from the theme, or null to follow it; remembered. */
    public void setTerminalTheme(Settings.Theme value) {
        terminalTheme.set(value);
        settings.update(s -> s.withTerminalTheme(value));
    }

    public ReadOnlyObjectProperty<Settings.Theme> terminalThemeProperty() {
        return terminalTheme;
    }

    /** Whether terminals show light text on a dark page: as set apart, else as the theme. */
    public BooleanBinding darkTerminalsProperty() {
        return darkTerminals;
    }
}
