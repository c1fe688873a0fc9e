package dev.gangway.rdp;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.gangway.common.HostOs;
import dev.gangway.rdp.LaunchPlan.Handover;

/**
 * The Remote Desktop clients Gangway can start, per OS, in the order it prefers them, each with an
 * availability probe (the AWS guide's choices: mstsc on Windows, Windows App, formerly Microsoft
 * Remote Desktop, on macOS, Remmina on Linux; FreeRDP as well on Linux, which takes the password).
 */
public final class RdpLaunchers {

    /** What is installed: a program on PATH, an application bundle. Tests answer for an OS they are not on. */
    public interface Probe {
        Optional<Path> onPath(String program);

        boolean exists(Path path);

        /** This machine's PATH and file system. */
        static Probe system() {
            return new Probe() {
                @Override
                public Optional<Path> onPath(String program) {
                    String path = System.getenv("PATH");
                    if (path == null) {
                        return Optional.empty();
                    }
                    for (String dir : path.split(File.pathSeparator)) {
                        for (String suffix : List.of("", ".exe")) {
                            Path p = Path.of(dir.isEmpty() ? "." : dir, program + suffix);
                            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                                return Optional.of(p);
                            }
                        }
                    }
                    return Optional.empty();
                }

                @Override
                public boolean exists(Path path) {
                    return Files.exists(path);
                }
            };
        }
    }

    /** One client: its name, whether it is installed, and the plan that starts it. */
    public interface Launcher {
        String name();

        boolean isAvailable();

        /**
         * @param certificate the thumbprint of the instance's RDP certificate from its console output, if it printed one
         */
        LaunchPlan plan(RdpFile rdp, Path rdpFile, Optional<String> certificate);
    }

    /** The Windows App (and before it Microsoft Remote Desktop) bundles, newest name first. */
    static final List<Path> MAC_APPS = List.of(Path.of("/Applications/Windows App.app"),
            Path.of("/Applications/Microsoft Remote Desktop.app"));

    /** FreeRDP's clients: version 3's names first (Debian 13, Fedora), then version 2's. */
    static final List<String> FREERDP = List.of("xfreerdp3", "sdl-freerdp3", "wlfreerdp3", "xfreerdp", "wlfreerdp");

    private RdpLaunchers() {
    }

    /** Every client Gangway knows for {@code os}, installed or not, in the order it prefers them. */
    public static List<Launcher> forOs(HostOs os, Probe probe) {
        List<Launcher> all = new ArrayList<>();
        switch (os) {
            case WINDOWS -> all.add(mstsc(probe));
            case MAC -> all.add(windowsApp(probe));
            case LINUX -> {
                all.add(remmina(probe));
                all.add(freeRdp(probe));
            }
        }
        return all;
    }

    /** The first installed client, or the one named {@code preferred} (by name, any case) when it is installed. */
    public static Optional<Launcher> choose(HostOs os, Probe probe, String preferred) {
        List<Launcher> all = forOs(os, probe);
        if (preferred != null && !preferred.isBlank()) {
            Optional<Launcher> named = all.stream().filter(l -> l.name().equalsIgnoreCase(preferred.strip())).findFirst();
            if (named.isPresent() && named.get().isAvailable()) {
                return named;
            }
        }
        return all.stream().filter(Launcher::isAvailable).findFirst();
    }

    /** The client {@code typed} names: its name, or that of the client whose program it is (xfreerdp: FreeRDP). */
    public static String clientNamed(String typed) {
        return FREERDP.contains(typed.toLowerCase(Locale.ROOT)) ? "FreeRDP" : typed;
    }

    /** What to install when no client is: the AWS guide's choice for each OS. */
    public static String installHint(HostOs os) {
        return switch (os) {
            case WINDOWS -> "Windows includes Remote Desktop Connection (mstsc); if it is missing, install \"Remote "
                    + "Desktop Connection\" or the Windows App from Microsoft.";
            case MAC -> "Install Windows App (formerly Microsoft Remote Desktop) from the Mac App Store.";
            case LINUX -> "Install Remmina (sudo apt install remmina, or sudo dnf install remmina) or FreeRDP "
                    + "(sudo apt install freerdp2-x11).";
        };
    }

    /** For clients that check certificates themselves, by asking: what the right one's thumbprint is. */
    private static String compare(Optional<String> certificate) {
        return certificate.map(t -> " If it asks about the certificate, its thumbprint must be " + t
                + " (printed by the instance to its console output); refuse any other.").orElse("");
    }

    static Launcher mstsc(Probe probe) {
        return new Launcher() {
            @Override
            public String name() {
                return "mstsc";
            }

            @Override
            public boolean isAvailable() {
                return probe.onPath("mstsc").isPresent();
            }

            @Override
            public LaunchPlan plan(RdpFile rdp, Path rdpFile, Optional<String> certificate) {
                // mstsc reads no password from a file or argument Gangway can write; it looks for a stored
                // credential named after the host it connects to.
                return new LaunchPlan(name(), List.of("mstsc", rdpFile.toString()), rdp, rdpFile, Handover.CREDENTIAL_STORE,
                        "TERMSRV/" + rdp.host(), "Remote Desktop Connection logs in with a credential Gangway stores "
                        + "for it and removes once it has started." + compare(certificate));
            }
        };
    }

    static Launcher windowsApp(Probe probe) {
        return new Launcher() {
            @Override
            public String name() {
                return "Windows App";
            }

            @Override
            public boolean isAvailable() {
                return MAC_APPS.stream().anyMatch(probe::exists);
            }

            @Override
            public LaunchPlan plan(RdpFile rdp, Path rdpFile, Optional<String> certificate) {
                Path app = MAC_APPS.stream().filter(probe::exists).findFirst().orElse(MAC_APPS.get(0));
                String appName = app.getFileName().toString().replace(".app", "");
                return new LaunchPlan(appName, List.of("open", "-a", appName, rdpFile.toString()), rdp, rdpFile,
                        Handover.CLIPBOARD, null, appName + " takes no password from other programs: it is on the "
                        + "clipboard for 45 seconds; paste it when " + appName + " asks." + compare(certificate), false);
            }
        };
    }

    static Launcher remmina(Probe probe) {
        return new Launcher() {
            @Override
            public String name() {
                return "Remmina";
            }

            @Override
            public boolean isAvailable() {
                return probe.onPath("remmina").isPresent();
            }

            @Override
            public LaunchPlan plan(RdpFile rdp, Path rdpFile, Optional<String> certificate) {
                return new LaunchPlan(name(), List.of("remmina", "-c", rdpFile.toString()), rdp, rdpFile, Handover.CLIPBOARD,
                        null, "Remmina takes no password from other programs: it is on the clipboard for 45 seconds; "
                        + "paste it when Remmina asks." + compare(certificate), false);
            }
        };
    }

    static Launcher freeRdp(Probe probe) {
        return new Launcher() {
            @Override
            public String name() {
                return "FreeRDP";
            }

            @Override
            public boolean isAvailable() {
                return program().isPresent();
            }

            private Optional<String> program() {
                return FREERDP.stream().filter(p -> probe.onPath(p).isPresent()).findFirst();
            }

            @Override
            public LaunchPlan plan(RdpFile rdp, Path rdpFile, Optional<String> certificate) {
                // /from-stdin:force reads the password from standard input before connecting, so it is never an
                // argument (visible to every user in /proc/*/cmdline). The instance's self-signed certificate must
                // have the thumbprint it printed to its console output; without one, FreeRDP trusts the certificate
                // it is shown first and refuses a different one later (its known_hosts2).
                String cert = certificate.map(t -> "/cert:fingerprint:sha1:" + RdpCertificate.colonSeparated(t))
                        .orElse("/cert:tofu");
                return new LaunchPlan(name(), List.of(program().orElse("xfreerdp"), rdpFile.toString(), "/from-stdin:force",
                        cert), rdp, rdpFile, Handover.STDIN, null, certificate.isPresent() ? null
                        : "The instance's console output has no RDP certificate thumbprint, so FreeRDP trusts the "
                        + "certificate it is shown this first time and refuses a different one later.");
            }
        };
    }
}
