package dev.gangway.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gangway.common.Notifier;

/** A notifier for tests: keeps every message ("title: message"), errors and information alike. */
public final class RecordingNotifier implements Notifier {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @Override
    public void error(String title, String message) {
        messages.add(title + ": " + message);
    }

    @Override
    public void info(String title, String message) {
        messages.add(title + ": " + message);
    }

    @Override
    public void progress(String title, String message) {
        messages.add(title + ": " + message);
        progress.add(title + ": " + message);
    }

    public List<String> messages() {
        return messages;
    }

    /** The messages said as progress (in place, in the window's status bar). */
    public List<String> progress() {
        return progress;
    }
}
