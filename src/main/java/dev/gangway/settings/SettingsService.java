package dev.gangway.settings;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The user's settings while Gangway runs: read once, changed through {@link #update}, which tells
 * every listener and saves soon after (debounced, atomically, by the {@link SettingsStore}).
 */
public final class SettingsService implements AutoCloseable {

    private final SettingsStore store;
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();
    private volatile Settings current;

    public SettingsService(SettingsStore store) {
        this.store = store;
        this.current = store.load();
    }

    public Settings current() {
        return current;
    }

    /** Where the settings file was kept because it could not be read (defaults were loaded instead), if so. */
    public java.util.Optional<java.nio.file.Path> keptAside() {
        return store.keptAside();
    }

    /** Applies {@code change}, tells the listeners (on this thread), and saves soon. */
    public void update(UnaryOperator<Settings> change) {
        Settings next;
        synchronized (this) {
            next = change.apply(current);
            if (next.equals(current)) {
                return;
            }
            current = next;
            store.saveLater(next);
        }
        listeners.forEach(l -> l.accept(next));
    }

    /** Calls {@code listener} with the settings after each change. */
    public void onChange(Consumer<Settings> listener) {
        listeners.add(listener);
    }

    /** Writes what is still waiting to be saved. */
    @Override
    public void close() {
        store.flush();
    }
}
