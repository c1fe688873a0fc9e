package dev.gangway.boot;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.gangway.common.HostOs;

/**
 * Where Gangway keeps its files, per OS convention. {@code GANGWAY_HOME} (or the system property
 * {@code gangway.home}) puts everything under one folder instead, for tests and portable installs.
 */
public record AppDirs(Path config, Path data) {

    public static AppDirs detect() {
        Map<String, String> env = new HashMap<>(System.getenv());
        String property = System.getProperty("gangway.home");
        if (property != null) {
            env.put("GANGWAY_HOME", property);
        }
        return detect(env, HostOs.current(), Path.of(System.getProperty("user.home")));
    }

    /** The folders for this environment, OS and home folder ({@code GANGWAY_HOME} taken from {@code env}). */
    public static AppDirs detect(Map<String, String> env, HostOs os, Path home) {
        String override = env.get("GANGWAY_HOME");
        if (override != null && !override.isBlank()) {
            Path root = Path.of(override);
            return new AppDirs(root.resolve("config"), root.resolve("data"));
        }
        if (os == HostOs.WINDOWS) {
            Path appData = pathOr(env.get("APPDATA"), home.resolve("AppData").resolve("Roaming"));
            Path local = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local"));
            return new AppDirs(appData.resolve("Gangway"), local.resolve("Gangway"));
        }
        if (os == HostOs.MAC) {
            Path support = home.resolve("Library").resolve("Application Support").resolve("Gangway");
            return new AppDirs(support, support);
        }
        Path config = pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config"));
        Path data = pathOr(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share"));
        return new AppDirs(config.resolve("gangway"), data.resolve("gangway"));
    }

    public static AppDirs under(Path root) {
        return new AppDirs(root.resolve("config"), root.resolve("data"));
    }

    /** What Gangway remembers of AMIs (see ImageCatalog): a cache, safe to delete. */
    public Path imageCatalog() {
        return data.resolve("cache").resolve("images.tsv");
    }

    /** What listings and lookups learned of instances (see InstanceCache): a cache, safe to delete. */
    public Path instanceCache() {
        return data.resolve("cache").resolve("instances.json");
    }

    public Path sandboxData() {
        return data.resolve("sandbox");
    }

    private static Path pathOr(String value, Path fallback) {
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }
}
