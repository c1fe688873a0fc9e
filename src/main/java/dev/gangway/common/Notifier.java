package dev.gangway.common;

/** Tells the user something without blocking them (a notification, not a modal dialog). */
public interface Notifier {

    void error(String title, String message);

    void info(String title, String message);
}
