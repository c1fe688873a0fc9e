package dev.gangway.testsupport;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import dev.gangway.boot.CloudConnection;
import dev.gangway.common.HostOs;
import dev.gangway.common.ui.FxTaskRunner;
import dev.gangway.rdp.RdpLaunchers;
import dev.gangway.settings.SettingsStore;
import dev.gangway.shell.MainView;
import dev.gangway.shell.MainViewModel;

/**
 * The main window on a cloud, as a window test starts it: its view model with settings in a folder
 * of the test's, shown in TestFX's stage at one size, listing. {@link #close()} ends its sessions.
 */
public final class WindowFixture implements AutoCloseable {

    public final RecordingNotifier notifier = new RecordingNotifier();
    public final FxTaskRunner tasks = new FxTaskRunner();
    public final MainViewModel model;
    public final MainView view;

    private WindowFixture(Stage stage, CloudConnection cloud, Path config, HostOs os, RdpLaunchers.Probe probe,
            Consumer<MainView> beforeShow) {
        model = new MainViewModel(cloud, new SettingsStore(config), tasks, notifier, os, probe);
        view = new MainView(model);
        beforeShow.accept(view);
        // The stage is shared by every window test, and show() applies the bounds an earlier test's window
        // saved when it closed: each starts from the same size.
        stage.setWidth(1280);
        stage.setHeight(780);
        view.show(stage);
        stage.setMaximized(false);
        stage.setWidth(1280);
        stage.setHeight(780);
        model.start();
    }

    /** The window on this machine's OS and programs; call from TestFX's {@code @Start}. */
    public static WindowFixture open(Stage stage, CloudConnection cloud, Path config) {
        return new WindowFixture(stage, cloud, config, HostOs.current(), RdpLaunchers.Probe.system(), v -> { });
    }

    /** The window as on {@code os} with {@code probe}'s programs, {@code beforeShow} applied to the view first. */
    public static WindowFixture open(Stage stage, CloudConnection cloud, Path config, HostOs os,
            RdpLaunchers.Probe probe, Consumer<MainView> beforeShow) {
        return new WindowFixture(stage, cloud, config, os, probe, beforeShow);
    }

    /** Ends the window's sessions and background work. */
    @Override
    public void close() throws Exception {
        WaitForAsyncUtils.asyncFx(view::closeSessions).get(10, TimeUnit.SECONDS);
        model.close();
        tasks.close();
    }
}
