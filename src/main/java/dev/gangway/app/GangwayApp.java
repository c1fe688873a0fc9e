package dev.gangway.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.sun.glass.ui.Application;
import com.sun.jna.Library;
import com.sun.jna.Native;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

import dev.gangway.boot.AppDirs;
import dev.gangway.boot.CloudConnection;
import dev.gangway.boot.LaunchOptions;
import dev.gangway.cli.ExitCodes;
import dev.gangway.common.HostOs;
import dev.gangway.common.ui.FxNotifier;
import dev.gangway.common.ui.FxTaskRunner;
import dev.gangway.lifecycle.ConsoleLinks;
import dev.gangway.settings.SettingsStore;
import dev.gangway.shell.MainView;
import dev.gangway.shell.MainViewModel;

/**
 * The desktop app: wires the cloud, settings and the main window by hand. The cloud connection
 * (AWS config, or the sandbox) is opened on a worker thread while the JavaFX toolkit starts, so
 * neither waits for the other and the FX thread never blocks.
 */
final class GangwayApp {

    private static final Logger LOG = Logger.getLogger(GangwayApp.class.getName());
    /** Held so the JUL logger (weakly referenced) keeps its level: JavaFX warns on every start that it runs
     *  from the classpath, which is how we ship it (STACK-NOTES). */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    static {
        JAVAFX_LOG.setLevel(Level.SEVERE);
    }

    private final LaunchOptions options;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int exitCode;
    private CloudConnection cloud;
    private SettingsStore settings;
    private FxTaskRunner tasks;
    private MainViewModel window;

    private GangwayApp(LaunchOptions options) {
        this.options = options;
    }

    static int run(LaunchOptions options) {
        return new GangwayApp(options).runUntilClosed();
    }

    private int runUntilClosed() {
        trace("main");
        AppDirs dirs = AppDirs.detect();
        settings = new SettingsStore(dirs.config());
        CompletableFuture<CloudConnection> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                CloudConnection connection = CloudConnection.forWindow(options, dirs);
                trace("cloud connected");
                return connection;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Platform.setImplicitExit(false);
        preferSoftwareRenderingWithoutGpu();
        try {
            Platform.startup(GangwayApp::nameTheWindows);
            trace("JavaFX started");
        } catch (RuntimeException e) {
            connecting.thenAccept(CloudConnection::close);
            LOG.log(Level.INFO, "JavaFX did not start", e);
            System.err.println(cannotOpenTheWindow(e.getMessage()));
            return 1;
        }
        connecting.whenComplete((connection, error) -> Platform.runLater(() -> {
            if (error != null) {
                showStartupError(error);
            } else {
                showWindow(connection);
            }
        }));
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdown();
        return exitCode;
    }

    /** What a start with no display says (one sentence and what to do, no stack trace). */
    static String cannotOpenTheWindow(String why) {
        return "gangway: cannot open the window (" + why + ").\n"
                + "Start Gangway in a desktop session (on Linux: with DISPLAY or WAYLAND_DISPLAY set, e.g. under "
                + "ssh -X or xvfb-run), or use it from this shell:\n"
                + "  gangway list                    the instances of your AWS profiles\n"
                + "  gangway ssh NAME [-- COMMAND]   a shell or a command on an instance\n"
                + "  gangway --help                  every command";
    }

    /** The X11 window class of every window (WM_CLASS), and the Linux menu entry's StartupWMClass. */
    static final String WINDOW_CLASS = "Gangway";

    /**
     * Names the app for the desktop before its first window exists: on Linux, GTK gives each window
     * the application's name as its WM_CLASS, which docks and task bars match against the menu
     * entry's StartupWMClass to show Gangway's name and icon and to pin it. Left alone it is
     * "java", shared with every other Java program (JavaFX names it only when started through
     * {@code Application.launch}, which Gangway does not use). Glass has no public API for it.
     */
    private static void nameTheWindows() {
        try {
            Application.GetApplication().setName(WINDOW_CLASS);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "window class not set", e);
        }
    }

    private void showWindow(CloudConnection connection) {
        cloud = connection;
        Stage stage = new Stage();
        tasks = new FxTaskRunner();
        MainViewModel model = new MainViewModel(cloud, settings, tasks, new FxNotifier(stage));
        window = model;
        if (options.exitWhenPopulated()) {
            exitWhenPopulated(model, stage);
        }
        // The listing starts before the window is built: it runs on workers while this thread lays out
        // the window, and its rows arrive (on this thread) once the window shows.
        model.start();
        trace("listing started");
        MainView.applyTheme(model.appearance().themeProperty().get());
        MainView view = new MainView(model);
        view.openPagesWith(ConsoleLinks::open);
        view.show(stage);
        trace("window shown");
        stage.setOnHidden(e -> closed.countDown());
    }

    private void showStartupError(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        LOG.log(Level.WARNING, "Gangway could not start", cause);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("Gangway");
        alert.setHeaderText("Gangway could not start");
        alert.setContentText(String.valueOf(cause.getMessage()));
        alert.showAndWait();
        exitCode = ExitCodes.FAILED;
        closed.countDown();
    }

    /** {@code -Dgangway.startupTrace=true}: the start's phases on stderr, in ms since the JVM started. */
    private static final boolean TRACE = Boolean.getBoolean("gangway.startupTrace");

    static void trace(String phase) {
        if (TRACE) {
            System.err.println("startup: " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms " + phase);
        }
    }

    /** For the start-up benchmark: report when the table is filled (after its next pulse), then quit. */
    private static void exitWhenPopulated(MainViewModel model, Stage stage) {
        model.refreshesCompletedProperty().addListener((obs, old, n) -> Platform.runLater(() -> {
            trace("listing painted");
            long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("populated " + model.allRows().size() + " instances " + sinceJvmStart
                    + " ms after JVM start, rss " + residentMegabytes() + " MB, class cache " + ClassCache.inUse());
            stage.hide();
        }));
    }

    /** Resident set size from /proc (Linux); -1 elsewhere. */
    private static long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private void shutdown() {
        try {
            if (window != null) {
                window.close();
            }
            if (tasks != null) {
                tasks.close();
            }
            settings.close();
            if (cloud != null) {
                cloud.close();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "shutting down", e);
        }
        Platform.exit();
    }

    /**
     * On Linux without a GPU device node, OpenGL can only be Mesa's software rasteriser, which
     * JavaFX's hardware check rejects after loading it (~50 MB of LLVM and driver mapped for
     * nothing). Go straight to the software pipeline, and keep GTK from probing OpenGL for its
     * visuals (GDK_GL=disable, ~50 MB resident less, measured with the packaged app). The Linux
     * launchers (target/gangway, the package's bin/Gangway) set GDK_GL themselves; started any other
     * way, the app sets it here, in the process's own environment before GTK starts. An explicit
     * {@code -Dprism.order} or {@code GDK_GL} always wins.
     */
    static void preferSoftwareRenderingWithoutGpu() {
        if (hasGpuDevice()) {
            return;
        }
        if (System.getProperty("prism.order") == null) {
            System.setProperty("prism.order", "sw");
        }
        if (System.getenv("GDK_GL") != null) {
            return; // the launcher set it (or the user did): no need to load JNA for it
        }
        try {
            // setenv without overwrite: a GDK_GL the user set stays.
            LibC.INSTANCE.setenv("GDK_GL", "disable", 0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.log(Level.FINE, "GDK_GL not set", e);
        }
    }

    /** The C library's environment, which GTK reads (Java's System.getenv is a copy taken at start). */
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    static boolean hasGpuDevice() {
        if (HostOs.current() != HostOs.LINUX) {
            return true;
        }
        if (Files.exists(Path.of("/dev/nvidia0"))) {
            return true;
        }
        try (var nodes = Files.newDirectoryStream(Path.of("/dev/dri"), "renderD*")) {
            return nodes.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
