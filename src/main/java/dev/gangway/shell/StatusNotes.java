package dev.gangway.shell;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import dev.gangway.common.Notifier;
import dev.gangway.common.TaskRunner;

/**
 * What the status bar says besides the summary: a short confirmation that replaces the one before
 * and goes after a few seconds ("Copied ...", "Listed again: ...", where a Remote Desktop start
 * stands), and when the rows were last listed.
 */
public final class StatusNotes {

    static final Duration NOTE_SHOWN = Duration.ofSeconds(4);
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    private final TaskRunner tasks;
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper listedAt = new ReadOnlyStringWrapper("");
    private TaskRunner.Handle noteClear;

    StatusNotes(TaskRunner tasks) {
        this.tasks = tasks;
    }

    /** Says {@code text} for a few seconds, in place of what was said before: a confirmation that needs no answer. */
    public void confirm(String text) {
        if (noteClear != null) {
            noteClear.cancel();
        }
        note.set(text);
        noteClear = tasks.later(NOTE_SHOWN, () -> note.set(""));
    }

    /** {@code notifier}, but progress is said here, each update in place of the one before. */
    Notifier over(Notifier notifier) {
        return new Notifier() {
            @Override
            public void error(String title, String message) {
                notifier.error(title, message);
            }

            @Override
            public void info(String title, String message) {
                notifier.info(title, message);
            }

            @Override
            public void progress(String title, String message) {
                confirm(title + ": " + message);
            }
        };
    }

    /** The rows were listed now. */
    void listed() {
        listedAt.set("Listed " + LocalTime.now().format(HOURS_MINUTES));
    }

    /** The confirmation shown, empty when there is none. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** "Listed 12:04", empty before the first listing. */
    public ReadOnlyStringProperty listedAtProperty() {
        return listedAt.getReadOnlyProperty();
    }
}
