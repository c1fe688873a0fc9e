package dev.gangway.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.boot.AppDirs;
import dev.gangway.testsupport.SmallDisk;
import dev.gangway.common.HostOs;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void choicesSurviveARestartAndTheFileIsPrivate() throws Exception {
        try (SettingsStore store = new SettingsStore(dir)) {
            store.saveLater(Settings.defaults().withProfiles(List.of("prod")).withRegions(List.of("eu-west-3"), false));
            store.saveLater(Settings.defaults().withProfiles(List.of("prod", "dev"))
                    .withRegions(List.of("eu-west-3", "us-east-1"), false).withTheme(Settings.Theme.DARK));
        }
        Settings loaded = new SettingsStore(dir).load();
        assertThat(loaded.listing().profiles()).containsExactly("prod", "dev");
        assertThat(loaded.listing().regions()).containsExactly("eu-west-3", "us-east-1");
        assertThat(loaded.listing().allRegions()).isFalse();
        assertThat(loaded.appearance().theme()).isEqualTo(Settings.Theme.DARK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("settings.json"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }

    @Test
    void aCorruptFileIsKeptAsideNotLost() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{ \"profiles\": [\"prod\"");
        SettingsStore store = new SettingsStore(dir);
        Settings loaded = store.load();
        assertThat(loaded).isEqualTo(Settings.defaults());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("settings\\.json\\.\\d+\\.bak"));
        }
        assertThat(Files.readString(store.keptAside().orElseThrow())).isEqualTo("{ \"profiles\": [\"prod\"");
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"profiles\":[\"a\"],\"somethingNew\":42}");
        assertThat(new SettingsStore(dir).load().listing().profiles()).containsExactly("a");
    }

    @Test
    void savedTunnelsSurviveARestartOnceEachAndCanBeForgotten() throws Exception {
        Settings.TunnelPreset db = new Settings.TunnelPreset(null, 5432, 15432);
        Settings.TunnelPreset rds = new Settings.TunnelPreset("db.cluster.example", 5432, 0);
        Settings.TunnelPreset ssh = new Settings.TunnelPreset(null, 22, 2222, Settings.TunnelPreset.ENDPOINT);
        Settings s = Settings.defaults().withTunnelPreset("i-0abc", db).withTunnelPreset("i-0abc", rds)
                .withTunnelPreset("i-0abc", db).withTunnelPreset("i-0abc", ssh);
        try (SettingsStore store = new SettingsStore(dir)) {
            store.save(s);
        }
        Settings loaded = new SettingsStore(dir).load();
        assertThat(loaded.tunnelPresets("i-0abc")).containsExactly(db, rds, ssh);
        assertThat(loaded.tunnelPresets("i-0abc")).extracting(Settings.TunnelPreset::label)
                .containsExactly("localhost:5432 → 127.0.0.1:15432", "db.cluster.example:5432 → any local port",
                        "localhost:22 → 127.0.0.1:2222 (Instance Connect Endpoint)");
        assertThat(loaded.tunnelPresets("i-0abc").get(2).throughEndpoint()).isTrue();
        assertThat(loaded.tunnelPresets("i-0abc").get(0).throughEndpoint()).isFalse();
        assertThat(loaded.tunnelPresets("i-0other")).isEmpty();
        Settings forgotten = loaded.withTunnelPresets("i-0abc", List.of());
        assertThat(forgotten.tunnelPresets("i-0abc")).isEmpty();
        assertThat(forgotten.connections().tunnels()).isEmpty();
    }

    @Test
    void perInstanceLoginsAndKeyFilesSurviveARestartAndAnEmptyLoginIsForgotten() throws Exception {
        Settings s = Settings.defaults()
                .withLogin("i-0abc", new Settings.InstanceLogin("deploy", 2222, true, " "))
                .withLogin("i-0def", new Settings.InstanceLogin(null, null, false, "/keys/other.pem"))
                .withKeyFile("prod-key", "/home/u/keys/prod-key.pem");
        try (SettingsStore store = new SettingsStore(dir)) {
            store.save(s);
        }
        String json = Files.readString(dir.resolve("settings.json"));
        assertThat(json).contains("\"deploy\"").contains("/home/u/keys/prod-key.pem").doesNotContain("empty");
        Settings loaded = new SettingsStore(dir).load();
        assertThat(loaded.login("i-0abc")).isEqualTo(new Settings.InstanceLogin("deploy", 2222, true, null));
        assertThat(loaded.login("i-0def").keyFile()).isEqualTo("/keys/other.pem");
        assertThat(loaded.login("i-unknown")).isEqualTo(Settings.InstanceLogin.NONE);
        assertThat(loaded.keyFile("prod-key")).contains("/home/u/keys/prod-key.pem");
        assertThat(loaded.keyFile(null)).isEmpty();

        Settings reset = loaded.withLogin("i-0abc", Settings.InstanceLogin.NONE);
        assertThat(reset.connections().logins()).containsOnlyKeys("i-0def");
    }

    @Test
    void aFileFromBeforePerInstanceLoginsStillLoads() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"profiles\":[\"a\"],\"allRegions\":true,\"theme\":\"dark\"}");
        Settings loaded = new SettingsStore(dir).load();
        assertThat(loaded.appearance().theme()).isEqualTo(Settings.Theme.DARK);
        assertThat(loaded.connections().logins()).isEmpty();
        assertThat(loaded.connections().keyFiles()).isEmpty();
    }

    @Test
    void aFlatFileOfAnEarlierGangwayKeepsEverySettingInItsSection() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"profiles\":[\"prod\"],\"regions\":[\"eu-west-3\"],"
                + "\"allRegions\":false,\"theme\":\"dark\",\"window\":{\"x\":1,\"y\":2,\"width\":800,"
                + "\"height\":600,\"maximized\":true},\"logins\":{\"i-1\":{\"user\":\"deploy\"}},"
                + "\"keyFiles\":{\"k\":\"/keys/k.pem\"},\"rdpClient\":\"Remmina\"}");
        Settings loaded = new SettingsStore(dir).load();
        assertThat(loaded.listing()).isEqualTo(new Settings.Listing(List.of("prod"), List.of("eu-west-3"), false));
        assertThat(loaded.appearance()).isEqualTo(new Settings.Appearance(Settings.Theme.DARK,
                new Settings.WindowBounds(1, 2, 800, 600, true)));
        assertThat(loaded.login("i-1").user()).isEqualTo("deploy");
        assertThat(loaded.keyFile("k")).contains("/keys/k.pem");
        assertThat(loaded.connections().rdpClient()).isEqualTo("Remmina");

        try (SettingsStore store = new SettingsStore(dir)) {
            store.save(loaded);
        }
        String json = Files.readString(dir.resolve("settings.json"));
        assertThat(json).contains("\"listing\"", "\"appearance\"", "\"connections\"", "\"theme\" : \"dark\"");
        assertThat(new SettingsStore(dir).load()).isEqualTo(loaded);
    }

    @Test
    void aThemeThisGangwayDoesNotKnowFallsBackToLight() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"appearance\":{\"theme\":\"solarized\"}}");
        assertThat(new SettingsStore(dir).load().appearance().theme()).isEqualTo(Settings.Theme.LIGHT);
    }

    @Test
    void theServiceTellsListenersAndSavesEveryChangeOnce() throws Exception {
        List<Settings> heard = new ArrayList<>();
        try (SettingsService service = new SettingsService(new SettingsStore(dir))) {
            service.onChange(heard::add);
            service.update(s -> s.withProfiles(List.of("a")));
            service.update(s -> s.withProfiles(List.of("a")));
            service.update(s -> s.withTheme(Settings.Theme.DARK));
            assertThat(heard).hasSize(2);
            assertThat(service.current().appearance().theme()).isEqualTo(Settings.Theme.DARK);
        }
        Settings saved = new SettingsStore(dir).load();
        assertThat(saved.listing().profiles()).containsExactly("a");
        assertThat(saved.appearance().theme()).isEqualTo(Settings.Theme.DARK);
    }

    @Test
    void osFoldersFollowConventions() {
        Path home = Path.of("/home/u");
        assertThat(AppDirs.detect(Map.of(), HostOs.LINUX, home).config()).isEqualTo(Path.of("/home/u/.config/gangway"));
        assertThat(AppDirs.detect(Map.of("XDG_DATA_HOME", "/x"), HostOs.LINUX, home).data())
                .isEqualTo(Path.of("/x/gangway"));
        assertThat(AppDirs.detect(Map.of(), HostOs.MAC, home).config())
                .isEqualTo(Path.of("/home/u/Library/Application Support/Gangway"));
        assertThat(AppDirs.detect(Map.of("APPDATA", "/r", "LOCALAPPDATA", "/l"), HostOs.WINDOWS, home).data())
                .isEqualTo(Path.of("/l/Gangway"));
    }

    /**
     * A full disk, then a read-only one: the save fails, the file keeps what it held, and the user is
     * told once why (until a save works again), with what to do.
     */
    @Test
    void aSaveToAFullOrReadOnlyDiskKeepsTheFileAndSaysWhy() throws Exception {
        String before = "{\"appearance\":{\"theme\":\"dark\"}}";
        for (boolean full : new boolean[] {true, false}) {
            Path folder = dir.resolve(full ? "full" : "read-only");
            try (SmallDisk disk = full ? SmallDisk.full(folder, before) : SmallDisk.readOnly(folder, before)) {
                List<String> told = new CopyOnWriteArrayList<>();
                try (SettingsStore store = new SettingsStore(folder)) {
                    store.whenNotSaved(told::add);
                    assertThat(store.load().appearance().theme()).isEqualTo(Settings.Theme.DARK);
                    store.saveLater(Settings.defaults().withProfiles(List.of("prod")));
                    store.flush();
                    store.flush();
                    assertThat(Files.readString(folder.resolve("settings.json"))).isEqualTo(before);
                    assertThat(told).singleElement().asString()
                            .startsWith("Could not write " + folder.resolve("settings.json") + ": ")
                            .contains(full ? "the disk is full. Free some space" : "read-only");
                    if (full) {
                        // Room again: what could not be saved is saved, nothing lost in between.
                        Files.delete(folder.resolve("filler"));
                        store.flush();
                        assertThat(new SettingsStore(folder).load().listing().profiles()).containsExactly("prod");
                    }
                }
            }
        }
    }
}
