package dev.gangway.app;

/** Starts the desktop app; kept apart so the shell commands never load JavaFX. */
final class GuiLauncher {

    private GuiLauncher() {
    }

    static int launch(boolean sandbox) {
        return GangwayApp.run(sandbox);
    }
}
