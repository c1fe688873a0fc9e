package dev.gangway.settings;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gangway.common.ErrorMessages;
import dev.gangway.common.PrivateFiles;

/**
 * Loads and saves {@link Settings} as JSON in the OS config folder. Saves are debounced and atomic;
 * a file that cannot be read is kept aside (never overwritten) and the defaults are used.
 */
public final class SettingsStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());
    private static final long DEBOUNCE_MS = 400;
    /** How soon settings that could not be saved are tried again. */
    private static final long RETRY_S = 30;

    private final Path file;
    /**
     * Made when a settings file is read or written, not before: Jackson's data binding sets up date
     * formats and the JDK's locale data with it (~40-80 ms), which a `gangway ssh` without a settings
     * file would pay for nothing (issue 25).
     */
    private ObjectMapper json;
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gangway-settings");
        t.setDaemon(true);
        return t;
    });
    private volatile Settings pending;
    private volatile Path keptAside;
    private ScheduledFuture<?> scheduled;
    private volatile Consumer<String> whenNotSaved;
    private volatile boolean failing;

    public SettingsStore(Path configDirectory) {
        this.file = configDirectory.resolve("settings.json");
    }

    private synchronized ObjectMapper json() {
        if (json == null) {
            json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        }
        return json;
    }

    public Path file() {
        return file;
    }

    /** Where an unreadable settings file was kept when this store loaded it (to tell the user), if it was. */
    public Optional<Path> keptAside() {
        return Optional.ofNullable(keptAside);
    }

    public Settings load() {
        removeStaleTemporaries();
        if (!Files.isRegularFile(file)) {
            return Settings.defaults();
        }
        try {
            JsonNode tree = json().readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return Settings.defaults();
            }
            if (!tree.isObject()) {
                throw new JsonMappingException(null, "settings.json does not hold an object");
            }
            Settings s = json().treeToValue(sectioned((ObjectNode) tree), Settings.class);
            return s == null ? Settings.defaults() : s;
        } catch (IOException e) {
            Path aside = file.resolveSibling("settings.json." + Instant.now().getEpochSecond() + ".bak");
            try {
                Files.move(file, aside);
                keptAside = aside;
                LOG.warning("Settings file could not be read; kept it as " + aside + " and started with defaults");
            } catch (IOException moveFailed) {
                LOG.log(Level.WARNING, "Settings file could not be read or moved aside", moveFailed);
            }
            return Settings.defaults();
        }
    }

    /**
     * Removes what a save killed half-way left (".settings.json…tmp", never the settings file
     * itself): only those older than a minute, so a save another Gangway process is making now is
     * left alone.
     */
    private void removeStaleTemporaries() {
        Instant before = Instant.now().minusSeconds(60);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(file.getParent(), "." + file.getFileName() + "*.tmp")) {
            for (Path t : temps) {
                if (Files.getLastModifiedTime(t).toInstant().isBefore(before)) {
                    Files.deleteIfExists(t);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not look for stale temporary settings files", e);
        }
    }

    /** Gangway 0.x wrote every setting at the top level; they now live in sections. */
    private static final Map<String, String> FLAT_FIELDS = Map.of("profiles", "listing", "regions", "listing",
            "allRegions", "listing", "theme", "appearance", "window", "appearance", "logins", "connections",
            "keyFiles", "connections", "rdpClient", "connections");

    /** {@code tree} with any top-level setting of the older, flat file moved into its section. */
    private static ObjectNode sectioned(ObjectNode tree) {
        for (Map.Entry<String, String> f : FLAT_FIELDS.entrySet()) {
            JsonNode value = tree.remove(f.getKey());
            if (value != null) {
                JsonNode section = tree.get(f.getValue());
                ObjectNode target = section instanceof ObjectNode o ? o : tree.putObject(f.getValue());
                if (!target.has(f.getKey())) {
                    target.set(f.getKey(), value);
                }
            }
        }
        return tree;
    }

    /** Saves now, atomically. */
    public void save(Settings settings) throws IOException {
        PrivateFiles.write(file, json().writeValueAsBytes(settings));
    }

    /** Saves soon; several calls in quick succession write once. */
    public synchronized void saveLater(Settings settings) {
        pending = settings;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        scheduled = saver.schedule(this::flush, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }

    /** Writes what {@link #saveLater} still holds. */
    public synchronized void flush() {
        Settings s = pending;
        pending = null;
        if (s == null) {
            return;
        }
        try {
            save(s);
            failing = false;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not save settings to " + file, e);
            Consumer<String> tell = whenNotSaved;
            if (!failing && tell != null) {
                tell.accept(ErrorMessages.message(e));
            }
            failing = true;
            // Kept, and tried again: once there is room (or the folder can be written), they are saved.
            if (pending == null) {
                pending = s;
            }
            if (!saver.isShutdown()) {
                scheduled = saver.schedule(this::flush, RETRY_S, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Tells {@code listener} (once, until a save works again) why settings could not be saved: a full
     * disk, a read-only folder. The file on disk stays as it was.
     */
    public void whenNotSaved(Consumer<String> listener) {
        whenNotSaved = listener;
    }

    @Override
    public void close() {
        flush();
        saver.shutdownNow();
    }
}
