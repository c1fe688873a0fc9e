package dev.gangway.common;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The environment a program Gangway starts gets (a Remote Desktop client, the browser opener,
 * {@code lsof}, {@code stty}, the sandbox's shells): only what a desktop program needs to run and
 * find the display, never the rest of Gangway's own, which may hold {@code AWS_SECRET_ACCESS_KEY},
 * an SSO token, or anything else a user exported.
 */
public final class ChildEnvironment {

    /** The variables passed on, by name (compared ignoring case, as Windows does). */
    private static final Set<String> PASSED = Set.of(
            // Every OS: where programs are, who and where the user is, language, terminal, time zone.
            "path", "home", "user", "logname", "shell", "lang", "language", "term", "tz", "tmpdir",
            // Linux and BSD desktops: the display, the session bus, the XDG folders.
            "display", "wayland_display", "xauthority", "xdg_runtime_dir", "xdg_session_type", "xdg_current_desktop",
            "xdg_data_dirs", "xdg_config_dirs", "xdg_data_home", "xdg_config_home", "xdg_cache_home",
            "dbus_session_bus_address", "desktop_session", "gdk_backend", "qt_qpa_platform",
            // The desktop's kind (xdg-open asks it which opener to use: kde-open on KDE), the browser.
            "xdg_session_desktop", "kde_session_version", "kde_full_session", "gnome_desktop_session_id", "browser",
            // Scaling, input methods and accessibility, so a client looks and types as the desktop does.
            "gdk_scale", "gdk_dpi_scale", "qt_scale_factor", "qt_auto_screen_scale_factor", "xmodifiers",
            "gtk_im_module", "qt_im_module", "gtk_modules", "no_at_bridge",
            // macOS.
            "__cf_user_text_encoding",
            // Windows.
            "systemroot", "windir", "comspec", "pathext", "temp", "tmp", "userprofile", "username", "userdomain",
            "appdata", "localappdata", "programdata", "programfiles", "programfiles(x86)", "programw6432",
            "commonprogramfiles", "commonprogramfiles(x86)", "homedrive", "homepath", "computername", "os",
            "processor_architecture", "processor_identifier", "number_of_processors", "systemdrive",
            "allusersprofile", "public", "commonprogramw6432");

    private ChildEnvironment() {
    }

    /** The part of {@code parent} a child is given: the names above and the {@code LC_*} locale settings. */
    public static Map<String, String> of(Map<String, String> parent) {
        Map<String, String> passed = new HashMap<>();
        parent.forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (PASSED.contains(n) || n.startsWith("lc_")) {
                passed.put(name, value);
            }
        });
        return passed;
    }

    /** This process's environment, as a child is given it. */
    public static Map<String, String> current() {
        return of(System.getenv());
    }

    /** Gives {@code builder}'s process only {@link #current()}; returns it. */
    public static ProcessBuilder apply(ProcessBuilder builder) {
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(current());
        return builder;
    }
}
