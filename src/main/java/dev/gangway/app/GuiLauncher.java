package dev.gangway.app;

import javafx.application.Application;

/** Starts the JavaFX application; kept apart so the shell commands never load JavaFX. */
final class GuiLauncher {

    private GuiLauncher() {
    }

    static int launch(boolean sandbox) {
        if (sandbox) {
            System.setProperty(GangwayApp.SANDBOX_PROPERTY, "true");
        }
        Application.launch(GangwayApp.class);
        return 0;
    }
}
