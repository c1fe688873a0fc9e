package dev.gangway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main window as a user of a Linux desktop gets it: the app started as its own process on an X
 * server of its own with a real window manager, Openbox (LXQt's and Lubuntu's), which with JavaFX
 * 21 left every new window at GTK's default 200×200. The window opens at its size, whole on the
 * screen (a laptop's too), and carries the X11 class the package's menu entry names
 * ({@code StartupWMClass=Gangway}).
 */
class WindowManagerTest {

    /** A line of {@code xwininfo -root -tree}: {@code 0x... "title": ("name" "class")  WxH+X+Y ...}. */
    private static final Pattern WINDOW = Pattern.compile(
            "\"Gangway — Sandbox\": \\(\"([^\"]*)\" \"([^\"]*)\"\\)\\s+(\\d+)x(\\d+)[+-]+\\d+[+-]+\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void underOpenboxTheWindowOpensAtItsSizeWithGangwaysWindowClass(@TempDir Path home) throws Exception {
        String display = startDesktop("1400x860");
        Process gangway = startGangway(display, home);

        // The window at the scene's 1280×780 (less Openbox's border and title bar), and it stays so:
        // the size must hold for a second, not only pass by while Openbox and JavaFX trade sizes.
        Matcher window = awaitWindow(display, home, "at 1280×780",
                m -> Integer.parseInt(m.group(3)) >= 1200 && Integer.parseInt(m.group(4)) >= 700);
        assertThat(gangway.isAlive()).isTrue();
        assertThat(window.group(1)).as("WM_CLASS name").isEqualTo("Gangway");
        assertThat(window.group(2)).as("WM_CLASS class, the menu entry's StartupWMClass").isEqualTo("Gangway");
    }

    @Test
    void onALaptopScreenTheWholeWindowIsOnItEvenWhenItWasLastOnAMonitorThatIsGone(@TempDir Path home)
            throws Exception {
        String display = startDesktop("1366x768");
        Process first = startGangway(display, home);
        // Title bar to status bar on the screen: 780 pixels of scene and Openbox's title bar would not be.
        awaitWindow(display, home, "whole on the 1366×768 screen", m -> onScreen(m, 1366, 768));
        stop(first);

        // Closed on a second monitor to the right, which is no longer there.
        Files.createDirectories(home.resolve("gangway/config"));
        Files.writeString(home.resolve("gangway/config/settings.json"), """
                {"window": {"x": 2500, "y": 100, "width": 1000, "height": 650, "maximized": false}}
                """);
        startGangway(display, home);
        Matcher window = awaitWindow(display, home, "back on the screen at its 1000×650",
                m -> onScreen(m, 1366, 768) && Integer.parseInt(m.group(3)) >= 980);
        assertThat(Integer.parseInt(window.group(4))).as("height").isBetween(600, 650);
    }

    /** The window, frame and all (a few pixels of border around the X window), inside the screen. */
    private static boolean onScreen(Matcher m, int width, int height) {
        int w = Integer.parseInt(m.group(3));
        int h = Integer.parseInt(m.group(4));
        int x = Integer.parseInt(m.group(5));
        int y = Integer.parseInt(m.group(6));
        return w > 400 && h > 300 && x >= 0 && y >= 0 && x + w <= width && y + h + 4 <= height;
    }

    /** Xvfb with a screen of {@code size} and Openbox managing it; its display. */
    private String startDesktop(String size) throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "an X11 desktop");
        for (String tool : List.of("/usr/bin/Xvfb", "/usr/bin/openbox", "/usr/bin/xwininfo", "/usr/bin/xprop")) {
            assumeTrue(Files.isExecutable(Path.of(tool)), tool + " (.ci/run installs it)");
        }
        String display = startXServer(size);
        start(new ProcessBuilder("openbox").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD),
                display);
        // Openbox manages the screen once it has announced itself on the root window.
        awaitHolding(() -> x(display, "xprop", "-root", "_NET_SUPPORTING_WM_CHECK").contains("window id")
                ? Optional.of(true) : Optional.empty(), 1, () -> "Openbox to manage the screen");
        return display;
    }

    /** Gangway on the sandbox, as its own process, with its data under {@code home}. */
    private Process startGangway(String display, Path home) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder app = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.gangway.app.Main", "--sandbox", "--no-sandbox-ssh")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("app.log").toFile()));
        app.environment().put("GANGWAY_HOME", home.resolve("gangway").toString());
        app.environment().put("AWS_CONFIG_FILE", "/dev/null");
        app.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        return start(app, display);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).as("Gangway ended").isTrue();
    }

    /** The main window's line of {@code xwininfo -tree} once it has met {@code test} for a second on end. */
    private static Matcher awaitWindow(String display, Path home, String what, Predicate<Matcher> test)
            throws InterruptedException {
        return awaitHolding(() -> {
            Matcher m = WINDOW.matcher(x(display, "xwininfo", "-root", "-tree"));
            return m.find() && test.test(m) ? Optional.of(m) : Optional.empty();
        }, 10, () -> "the window " + what + " (last seen: " + lastWindowLine(display) + "; app log in " + home + ")");
    }

    /** An X server on a display number of its own choosing ({@code -displayfd}), with a screen like a laptop's. */
    private String startXServer(String size) throws IOException {
        Process x = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", size + "x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(x);
        BufferedReader out = new BufferedReader(new InputStreamReader(x.getInputStream(), StandardCharsets.US_ASCII));
        String number = out.readLine();
        assertThat(number).as("Xvfb's display number").matches("\\d+");
        return ":" + number;
    }

    private Process start(ProcessBuilder pb, String display) throws IOException {
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** What an X client prints about {@code display}; empty when it fails (the window is not there yet). */
    private static String x(String display, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("DISPLAY", display);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String lastWindowLine(String display) {
        return x(display, "xwininfo", "-root", "-tree").lines().filter(l -> l.contains("Gangway")).findFirst()
                .orElse("no Gangway window").trim();
    }

    /**
     * Asks {@code probe} every 100 ms until it has answered {@code times} times in a row, for up to two
     * minutes; returns the last answer.
     */
    private static <T> T awaitHolding(Probe<T> probe, int times, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        int inARow = 0;
        while (System.nanoTime() < deadline) {
            Optional<T> answer = probe.ask();
            inARow = answer.isPresent() ? inARow + 1 : 0;
            if (inARow >= times) {
                return answer.get();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("waited two minutes for " + what.get());
    }

    @FunctionalInterface
    private interface Probe<T> {
        Optional<T> ask();
    }
}
