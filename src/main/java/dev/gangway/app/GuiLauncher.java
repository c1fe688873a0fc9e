package dev.gangway.app;

import dev.gangway.boot.LaunchOptions;

/** Starts the desktop app; kept apart so the shell commands never load JavaFX. */
final class GuiLauncher {

    private GuiLauncher() {
    }

    static int launch(LaunchOptions options) {
        return GangwayApp.run(options);
    }
}
