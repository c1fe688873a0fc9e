package dev.gangway.app;

import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import dev.gangway.sandbox.CloudConnection;
import dev.gangway.sandbox.SandboxOptions;
import dev.gangway.settings.AppDirs;
import dev.gangway.settings.SettingsStore;
import dev.gangway.ui.FxNotifier;
import dev.gangway.ui.FxTaskRunner;
import dev.gangway.ui.MainView;
import dev.gangway.ui.MainViewModel;

/** The JavaFX application: wires the cloud, settings and the main window by hand. */
public final class GangwayApp extends Application {

    static final String SANDBOX_PROPERTY = "gangway.sandbox";
    private static final Logger LOG = Logger.getLogger(GangwayApp.class.getName());

    private CloudConnection cloud;
    private SettingsStore settings;
    private FxTaskRunner tasks;

    @Override
    public void init() throws Exception {
        // Off the FX thread: reading AWS config and, without credentials, starting the sandbox.
        AppDirs dirs = AppDirs.detect();
        settings = new SettingsStore(dirs.config());
        cloud = CloudConnection.awsOrSandbox(Boolean.getBoolean(SANDBOX_PROPERTY),
                SandboxOptions.defaults(dirs.sandboxData()));
    }

    @Override
    public void start(Stage stage) {
        tasks = new FxTaskRunner();
        MainViewModel model = new MainViewModel(cloud, settings, tasks, new FxNotifier(stage));
        MainView view = new MainView(model);
        view.show(stage);
        model.start();
    }

    @Override
    public void stop() {
        try {
            if (tasks != null) {
                tasks.close();
            }
            settings.close();
            cloud.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "shutting down", e);
        }
        Platform.exit();
    }
}
