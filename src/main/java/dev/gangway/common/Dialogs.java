package dev.gangway.common;

/** Questions that wait for the user's answer, asked by view models; tests answer them without a stage. */
public interface Dialogs {

    /**
     * Asks {@code question}; true when the user chose {@code confirmLabel}, false on Cancel or when
     * the dialog was closed.
     *
     * @param id a node id for the dialog's pane, so the window's tests can find it
     */
    boolean confirm(String id, String title, String question, String details, String confirmLabel);

    /**
     * Asks {@code question} with a button for each of {@code labels} (and Cancel); the index of the
     * label chosen, or -1 on Cancel or when the dialog was closed. One label is a {@link #confirm}.
     */
    default int choose(String id, String title, String question, String details, String... labels) {
        return confirm(id, title, question, details, labels[0]) ? 0 : -1;
    }
}
