package dev.gangway.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void choicesSurviveARestartAndTheFileIsPrivate() throws Exception {
        try (SettingsStore store = new SettingsStore(dir)) {
            store.saveLater(Settings.defaults().withProfiles(List.of("prod")).withRegions(List.of("eu-west-3"), false));
            store.saveLater(Settings.defaults().withProfiles(List.of("prod", "dev"))
                    .withRegions(List.of("eu-west-3", "us-east-1"), false).withTheme(Settings.DARK));
        }
        Settings loaded = new SettingsStore(dir).load();
        assertThat(loaded.profiles()).containsExactly("prod", "dev");
        assertThat(loaded.regions()).containsExactly("eu-west-3", "us-east-1");
        assertThat(loaded.allRegions()).isFalse();
        assertThat(loaded.theme()).isEqualTo(Settings.DARK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("settings.json"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }

    @Test
    void aCorruptFileIsKeptAsideNotLost() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{ \"profiles\": [\"prod\"");
        Settings loaded = new SettingsStore(dir).load();
        assertThat(loaded).isEqualTo(Settings.defaults());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("settings.json.unreadable-"));
        }
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"profiles\":[\"a\"],\"somethingNew\":42}");
        assertThat(new SettingsStore(dir).load().profiles()).containsExactly("a");
    }

    @Test
    void osFoldersFollowConventions() {
        Path home = Path.of("/home/u");
        assertThat(AppDirs.detect(java.util.Map.of(), "Linux", home).config()).isEqualTo(Path.of("/home/u/.config/gangway"));
        assertThat(AppDirs.detect(java.util.Map.of("XDG_DATA_HOME", "/x"), "Linux", home).data())
                .isEqualTo(Path.of("/x/gangway"));
        assertThat(AppDirs.detect(java.util.Map.of(), "Mac OS X", home).config())
                .isEqualTo(Path.of("/home/u/Library/Application Support/Gangway"));
        assertThat(AppDirs.detect(java.util.Map.of("APPDATA", "/r", "LOCALAPPDATA", "/l"), "Windows 11", home).data())
                .isEqualTo(Path.of("/l/Gangway"));
    }
}
