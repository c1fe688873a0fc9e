package dev.gangway.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.gangway.settings.Settings;
import dev.gangway.settings.SettingsStore;

/**
 * A process that saves settings as fast as it can, each save a little different, and prints the
 * number of each save once it is done: what {@link KilledDuringSaveTest} kills mid-write.
 */
public final class SettingsSaveLoop {

    private SettingsSaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        SettingsStore store = new SettingsStore(Path.of(args[0]));
        for (int i = 1; ; i++) {
            List<String> regions = new ArrayList<>();
            for (int j = 0; j < 40 + i % 60; j++) {
                regions.add("r" + i + "-" + j);
            }
            store.save(Settings.defaults().withRegions(regions, false));
            System.out.println(i);
            System.out.flush();
        }
    }
}
