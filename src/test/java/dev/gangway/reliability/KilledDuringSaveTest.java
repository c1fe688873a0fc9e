package dev.gangway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.settings.Settings;
import dev.gangway.settings.SettingsStore;

/**
 * Gangway killed with SIGKILL while it saves its settings (a crash, the OOM killer, a power cut as
 * far as the process can tell), twelve times at random points of a stream of saves: every time the
 * file reads back whole, holding the last save reported done or a later one, never the
 * defaults and never set aside as unreadable; what a kill leaves half-written is removed at a later start.
 */
class KilledDuringSaveTest {

    @TempDir
    Path dir;

    @Test
    void settingsSurviveAKillAtAnyPointOfASave() throws Exception {
        Random random = new Random(7);
        int kills = 12;
        for (int round = 0; round < kills; round++) {
            Process saver = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    SettingsSaveLoop.class.getName(), dir.toString()).redirectErrorStream(true).start();
            int last = 0;
            int killAfter = 1 + random.nextInt(150);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(saver.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while (last < killAfter && (line = out.readLine()) != null) {
                    last = Integer.parseInt(line.trim());
                }
                saver.destroyForcibly(); // SIGKILL, most likely in the middle of the next save
                assertThat(saver.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(last).as("the saver ran").isEqualTo(killAfter);
            SettingsStore store = new SettingsStore(dir);
            Settings loaded = store.load();
            assertThat(store.keptAside()).as("read back whole after kill " + round).isEmpty();
            List<String> regions = loaded.listing().regions();
            assertThat(regions).as("not the defaults").isNotEmpty();
            int saved = Integer.parseInt(regions.get(0).substring(1, regions.get(0).indexOf('-')));
            // The saver runs ahead of what this test has read of its output: at least the last save it
            // reported is there, whole, never an older or a mixed one.
            assertThat(saved).as("the last save reported, or a later one").isGreaterThanOrEqualTo(last);
            assertThat(regions).hasSize(40 + saved % 60);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".bak"));
        }

        // What a kill between writing and renaming leaves is removed once it is a minute old.
        Path leftover = Files.writeString(dir.resolve(".settings.json123.tmp"), "{\"listing\":");
        Path fresh = Files.writeString(dir.resolve(".settings.json456.tmp"), "{\"listing\":");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minusSeconds(120)));
        new SettingsStore(dir).load();
        assertThat(leftover).doesNotExist();
        assertThat(fresh).as("perhaps another Gangway's save under way").exists();
    }
}
