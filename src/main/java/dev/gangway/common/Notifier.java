package dev.gangway.common;

/** Tells the user something without blocking them (a notification, not a modal dialog). */
public interface Notifier {

    void error(String title, String message);

    void info(String title, String message);

    /**
     * Where a task the user started stands ("Getting the password…", "FreeRDP started…"): said in
     * one place that each update replaces (the window's status bar), not a pile of notifications.
     * By default, a notification.
     */
    default void progress(String title, String message) {
        info(title, message);
    }
}
