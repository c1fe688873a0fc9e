package dev.gangway.settings;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the user chose, saved between runs. Unknown fields are ignored so an older Gangway can read
 * a newer file; missing ones take their defaults.
 *
 * @param profiles    the profiles selected in the window (empty: the default profile)
 * @param regions     the regions selected (empty with {@code allRegions}: every enabled region)
 * @param allRegions  list every enabled region rather than {@code regions}
 * @param theme       "light" or "dark"
 * @param window      the main window's last position and size, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(List<String> profiles, List<String> regions, boolean allRegions, String theme,
                       WindowBounds window) {

    public static final String LIGHT = "light";
    public static final String DARK = "dark";

    public Settings {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        regions = regions == null ? List.of() : List.copyOf(regions);
        theme = DARK.equals(theme) ? DARK : LIGHT;
    }

    public static Settings defaults() {
        return new Settings(List.of(), List.of(), true, LIGHT, null);
    }

    public Settings withProfiles(List<String> value) {
        return new Settings(value, regions, allRegions, theme, window);
    }

    public Settings withRegions(List<String> value, boolean all) {
        return new Settings(profiles, value, all, theme, window);
    }

    public Settings withTheme(String value) {
        return new Settings(profiles, regions, allRegions, value, window);
    }

    public Settings withWindow(WindowBounds value) {
        return new Settings(profiles, regions, allRegions, theme, value);
    }

    /** Position and size of a window, in screen coordinates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }
}
