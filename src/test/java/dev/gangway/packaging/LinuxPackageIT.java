package dev.gangway.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.sandbox.ssh.PtyShellCommandTest;

/**
 * The .deb (and .rpm) that {@code ./mvnw -Pjpackage package} built, installed on this machine as a
 * user would: the installed launcher opens the window on the sandbox and fills it, {@code gangway}
 * works from a shell, and removing the package leaves nothing behind but the user's own data. Runs
 * in the integration-test phase, after packaging, as root (CI); elsewhere it is skipped.
 */
class LinuxPackageIT {

    /** The menu entry the package installs, where every desktop's menu (and app launchers) look. */
    static final Path MENU_ENTRY = Path.of("/usr/share/applications/gangway.desktop");
    /** The icon theme's sizes of Gangway's icon the package installs (icons/hicolor). */
    static final List<Path> ICONS = Stream.concat(
            Stream.of("16x16", "22x22", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512")
                    .map(size -> Path.of("/usr/share/icons/hicolor", size, "apps/gangway.png")),
            Stream.of(Path.of("/usr/share/icons/hicolor/scalable/apps/gangway.svg"))).toList();

    record Run(int status, String out) {
    }

    static Run run(Map<String, String> env, String... command) throws Exception {
        return typed(env, "", command);
    }

    /** Runs {@code command} with {@code input} as what is typed into it. */
    static Run typed(Map<String, String> env, String input, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        try (var typing = p.getOutputStream()) {
            typing.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish: " + out);
        }
        return new Run(p.exitValue(), out);
    }

    static Path built(String pattern, String what) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target/jpackage"))) {
            return files.filter(f -> f.getFileName().toString().matches(pattern)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + what + " in target/jpackage: build with -Pjpackage"));
        }
    }

    @Test
    void theDebInstallsStartsTheWindowOnTheSandboxAndUninstallsCleanly(@TempDir Path home) throws Exception {
        assumeLinuxRootWith("/usr/bin/dpkg", "a Debian-style Linux");
        Path deb = built("gangway_.*_amd64\\.deb", "deb").toAbsolutePath();
        installUseAndRemove(home, "deb", List.of("dpkg", "-i", deb.toString()), List.of("dpkg", "--purge", "gangway"),
                List.of("dpkg", "-s", "gangway"));
    }

    /**
     * The .rpm, where the build could make one (rpmbuild; CI installs Debian's rpm for it), installed
     * with rpm itself on this Debian machine ({@code --nodeps}: rpm's own database knows none of
     * Debian's packages, so the GTK dependencies are checked from the package's metadata instead).
     */
    @Test
    void theRpmInstallsStartsTheWindowOnTheSandboxAndUninstallsCleanly(@TempDir Path home) throws Exception {
        assumeLinuxRootWith("/usr/bin/rpmbuild", "rpmbuild, to make the .rpm");
        Path rpm = built("gangway-.*\\.x86_64\\.rpm", "rpm").toAbsolutePath();
        assertThat(run(Map.of(), "rpm", "-qpR", rpm.toString()).out().lines())
                .contains("gtk3", "libXtst", "libXxf86vm", "mesa-libGL");
        installUseAndRemove(home, "rpm", List.of("rpm", "-i", "--nodeps", rpm.toString()), List.of("rpm", "-e", "gangway"),
                List.of("rpm", "-q", "gangway"));
    }

    /**
     * Installs the package (after removing any earlier install), uses it as a user would, removes it,
     * and checks that the package manager no longer knows it and nothing of it is left.
     */
    private static void installUseAndRemove(Path home, String type, List<String> install, List<String> remove,
            List<String> query) throws Exception {
        run(Map.of(), remove.toArray(String[]::new));
        Run installed = run(Map.of(), install.toArray(String[]::new));
        assertThat(installed.status()).as(installed.out()).isZero();
        try {
            checkInstalled(home, type);
        } finally {
            Run removed = run(Map.of(), remove.toArray(String[]::new));
            assertThat(removed.status()).as(removed.out()).isZero();
        }
        assertThat(run(Map.of(), query.toArray(String[]::new)).status()).isNotZero();
        checkRemoved(home);
    }

    /**
     * The app-image's layout is jpackage's on every OS, and Windows' and macOS' file systems do not tell
     * letter case apart: a shell launcher named {@code gangway} beside the window's {@code Gangway}
     * (and {@code gangway.cfg} beside {@code Gangway.cfg}) would overwrite it there. Checked on the
     * Linux image the build made, which has the same launchers and settings files.
     */
    @Test
    void theAppImageHasNoTwoFilesWhoseNamesDifferOnlyInCase() throws IOException {
        Path image = Path.of("target/jpackage/image/Gangway");
        assumeTrue(Files.isDirectory(image), "the app-image, built with -Pjpackage");
        Map<String, String> seen = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(image)) {
            files.map(f -> image.relativize(f).toString()).forEach(f -> {
                String other = seen.putIfAbsent(f.toLowerCase(Locale.ROOT), f);
                if (other != null) {
                    clashes.add(other + " / " + f);
                }
            });
        }
        assertThat(clashes).isEmpty();
        assertThat(image.resolve("bin/Gangway")).isExecutable();
        assertThat(image.resolve("bin/gangway-cli")).isExecutable();
        assertThat(image.resolve("lib/app/gangway-cli.cfg")).isRegularFile();
    }

    /**
     * Bouncy Castle's jars ship unsigned (the JDK would check the signature at every start, and no
     * class archive may hold a signed jar's classes), and their manifests keep only the main section:
     * the 6,000 per-entry digests the signature used are parsed when the first class loads.
     * Multi-Release and the OSGi headers stay.
     */
    @Test
    void bouncyCastleShipsUnsignedWithOnlyItsManifestsMainSection() throws IOException {
        Path app = Path.of("target/jpackage/image/Gangway/lib/app/lib");
        assumeTrue(Files.isDirectory(app), "the app-image, built with -Pjpackage");
        List<Path> bc;
        try (Stream<Path> files = Files.list(app)) {
            bc = files.filter(f -> f.getFileName().toString().startsWith("bc")
                    && f.getFileName().toString().endsWith(".jar")).toList();
        }
        assertThat(bc).extracting(f -> f.getFileName().toString().replaceAll("-jdk18on-.*", ""))
                .containsExactlyInAnyOrder("bcprov", "bcpkix", "bcutil");
        for (Path jar : bc) {
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile(), true,
                    java.util.zip.ZipFile.OPEN_READ, Runtime.version())) {
                assertThat(file.stream().map(java.util.zip.ZipEntry::getName))
                        .as(jar + ": no signature").noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"));
                assertThat(file.getManifest().getEntries()).as(jar + ": no per-entry sections").isEmpty();
                assertThat(file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName")).isNotBlank();
                assertThat(file.isMultiRelease()).as(jar + ": still multi-release").isTrue();
            }
        }
    }

    /** Linux with {@code tool}, as root: installing a package needs root (CI runs as root). */
    private static void assumeLinuxRootWith(String tool, String what) {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.isExecutable(Path.of(tool)), what);
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a package needs root (CI runs as root)");
    }

    /**
     * A user whose home folder is {@code home}: for the JVM too ({@code user.home}, which Java takes from
     * the password database, not from {@code HOME}), with Gangway's folders where the XDG spec puts them.
     */
    static Map<String, String> user(Path home) {
        return Map.of("HOME", home.toString(), "JDK_JAVA_OPTIONS", "-Duser.home=" + home,
                "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "XDG_DATA_HOME", home.resolve(".local/share").toString(),
                "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    }

    /** A user's run, without the JVM's note that it took {@code JDK_JAVA_OPTIONS} (see {@link #user}). */
    static Run runAs(Path home, String... command) throws Exception {
        Run r = run(user(home), command);
        return new Run(r.status(), r.out().lines().filter(l -> !l.startsWith("NOTE: Picked up JDK_JAVA_OPTIONS"))
                .map(l -> l + "\n").collect(Collectors.joining()));
    }

    /**
     * What was written in the user's home: every file and folder, relative to it, except GTK's own
     * settings cache (~/.cache/dconf, which any GTK program writes) and the folders above Gangway's.
     */
    static List<String> filesIn(Path home) throws IOException {
        List<String> above = List.of("", ".cache", ".config", ".local", ".local/share");
        try (Stream<Path> files = Files.walk(home)) {
            return files.map(f -> home.relativize(f).toString())
                    .filter(f -> !above.contains(f) && !f.equals(".cache/dconf") && !f.startsWith(".cache/dconf/"))
                    .sorted().toList();
        }
    }

    /** Gangway's own folders in the user's home (XDG), with what is in them. */
    static boolean gangways(String path) {
        return path.equals(".config/gangway") || path.startsWith(".config/gangway/")
                || path.equals(".local/share/gangway") || path.startsWith(".local/share/gangway/");
    }

    /** What a user of the installed package sees: the shell command on PATH and the window from the menu's launcher. */
    private static void checkInstalled(Path home, String type) throws Exception {
        Run version = runAs(home, "gangway", "--version");
        assertThat(version.out()).startsWith("gangway 0.1.0");
        Run list = runAs(home, "gangway", "list", "--sandbox");
        assertThat(list.status()).as(list.out()).isZero();
        assertThat(list.out()).contains("web-1").contains("win-app");

        // The menu entry, in the menu's own folder whatever the desktop: it starts the installed
        // launcher, shows the icon theme's Gangway icon, and claims the window (StartupWMClass).
        String entry = Files.readString(MENU_ENTRY);
        assertThat(entry).contains("Exec=/opt/gangway/bin/Gangway\n", "Icon=gangway\n", "Terminal=false\n",
                "StartupWMClass=Gangway\n");
        if (Files.isExecutable(Path.of("/usr/bin/desktop-file-validate"))) {
            Run valid = run(Map.of(), "desktop-file-validate", MENU_ENTRY.toString());
            assertThat(valid.status()).as(valid.out()).isZero();
            assertThat(valid.out()).as("desktop-file-validate's complaints").isBlank();
        }
        assertThat(ICONS).allSatisfy(icon -> assertThat(icon).isRegularFile().isReadable());
        assertThat(Path.of("/opt/gangway/lib/share")).as("the icons moved to /usr/share, not copied").doesNotExist();
        checkWindowClass(home);

        // The window, from the installed launcher (the menu entry's Exec), filled from the sandbox.
        Run window = runAs(home, "/opt/gangway/bin/Gangway", "--sandbox", "--exit-when-populated");
        assertThat(window.status()).as(window.out()).isZero();
        assertThat(window.out()).contains("populated 15 instances");
        // No JDK warnings (native access, sun.misc.Unsafe) from the packaged runtime.
        assertThat(window.out()).doesNotContain("WARNING");
        // `gangway` typed in a shell with no command opens the same window, with the window's settings.
        Run fromShell = runAs(home, "gangway", "--sandbox", "--exit-when-populated");
        assertThat(fromShell.out()).contains("populated 15 instances");
        // The window maps the AOT cache the build trained, when the build made one (JDK 25+ and a display).
        if (Files.readString(Path.of("target/jpackage/image/Gangway/lib/app/Gangway.cfg")).contains("AOTCache=")) {
            assertThat(Path.of("/opt/gangway/lib/app/gangway.aot")).isRegularFile();
            assertThat(window.out()).contains("class cache gangway.aot");
            assertThat(fromShell.out()).contains("class cache gangway.aot");
        }
        // A terminal session on a sandbox instance from the shell (`script` gives it a terminal): the
        // sandbox's shell runs behind pty4j, whose native library (and JNA's) comes from the package.
        List<String> ptyFoldersBefore = PtyShellCommandTest.ptyFoldersInTmp();
        Run ssh = typed(user(home), "echo pty-$((6*7))-ok\nexit\n",
                "script", "-qec", "gangway ssh --sandbox web-1", "/dev/null");
        assertThat(ssh.out()).as("a shell session, answered by bash on the sandbox").contains("pty-42-ok");
        assertThat(ssh.out()).doesNotContain("Extracted pty4j native");
        assertThat(PtyShellCommandTest.ptyFoldersInTmp()).as("pty4j unpacks nothing into /tmp")
                .isEqualTo(ptyFoldersBefore);
        // Shell commands map the AOT caches the build trained for them (ShellTraining), whenever the
        // package's runtime is JDK 25 or newer: `ssh` its own, the others the shell's.
        if (Files.readString(Path.of("target/jpackage/image/Gangway/lib/runtime/release"))
                .matches("(?s).*JAVA_VERSION=\"(2[5-9]|[3-9][0-9]).*")) {
            Run exec = runAs(home, "gangway", "--verbose", "ssh", "--sandbox", "web-1", "--", "true");
            assertThat(exec.status()).as(exec.out()).isZero();
            assertThat(exec.out()).contains("class cache gangway-ssh.aot");
            Run listed = runAs(home, "gangway", "--verbose", "list", "--sandbox");
            assertThat(listed.status()).as(listed.out()).isZero();
            assertThat(listed.out()).contains("class cache gangway-shell.aot");
        }
        // Gangway writes in the user's home only under its own folders: JavaFX's, JNA's and pty4j's
        // native libraries are loaded from the package, not unpacked into ~/.openjfx or ~/.cache/JNA
        // (JNA would make its folder even when it unpacks nothing).
        assertThat(home.resolve(".openjfx")).doesNotExist();
        assertThat(filesIn(home)).isNotEmpty().allMatch(LinuxPackageIT::gangways);
        System.out.println("installed " + type + ": " + window.out().lines().filter(l -> l.startsWith("populated"))
                .findFirst().orElse("") + "; installed size " + run(Map.of(), "du", "-sh", "/opt/gangway").out().trim());
    }

    /**
     * The window of the installed app, as the desktop sees it: its X11 class (WM_CLASS), which docks and
     * task bars match against the menu entry's StartupWMClass to show Gangway's name and icon for it
     * (and not "java", the class every Java program's window has unless it names itself).
     */
    private static void checkWindowClass(Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/opt/gangway/bin/Gangway", "--sandbox", "--no-sandbox-ssh")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(user(home));
        Process app = pb.start();
        try {
            String line = await(() -> run(Map.of(), "xwininfo", "-root", "-tree").out().lines()
                    .filter(l -> l.contains("\"Gangway — Sandbox\"")).findFirst().orElse(null), app);
            assertThat(line).contains("(\"Gangway\" \"Gangway\")");
        } finally {
            app.destroy();
            if (!app.waitFor(1, TimeUnit.MINUTES)) {
                app.destroyForcibly();
            }
        }
    }

    /** Asks {@code probe} every 100 ms until it answers, for up to two minutes or until {@code app} ends. */
    private static String await(Callable<String> probe, Process app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && app.isAlive()) {
            String answer = probe.call();
            if (answer != null) {
                return answer;
            }
            app.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError(app.isAlive() ? "the window did not appear in two minutes"
                : "the app ended (exit " + app.exitValue() + ") before its window appeared");
    }

    /** Nothing of the package is left; the user's own settings and data are, and nothing else of Gangway's. */
    private static void checkRemoved(Path home) throws IOException {
        assertThat(Path.of("/opt/gangway")).doesNotExist();
        assertThat(Path.of("/usr/bin/gangway")).doesNotExist();
        assertThat(MENU_ENTRY).doesNotExist();
        assertThat(ICONS).allSatisfy(icon -> assertThat(icon).doesNotExist());
        assertThat(filesIn(home)).isNotEmpty().allMatch(LinuxPackageIT::gangways);
    }
}
