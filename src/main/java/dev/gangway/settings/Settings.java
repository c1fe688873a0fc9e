package dev.gangway.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the user chose, saved between runs, in one section per part of the app. Unknown fields are
 * ignored so an older Gangway can read a newer file; missing ones take their defaults.
 *
 * @param listing     what the window lists
 * @param appearance  how the window looks and where it was
 * @param connections how instances are logged in to
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(Listing listing, Appearance appearance, Connections connections) {

    public Settings {
        listing = listing == null ? Listing.DEFAULT : listing;
        appearance = appearance == null ? Appearance.DEFAULT : appearance;
        connections = connections == null ? Connections.DEFAULT : connections;
    }

    public static Settings defaults() {
        return new Settings(Listing.DEFAULT, Appearance.DEFAULT, Connections.DEFAULT);
    }

    /**
     * @param profiles   the profiles selected in the window (empty: the default profile)
     * @param regions    the regions selected (empty with {@code allRegions}: every enabled region)
     * @param allRegions list every enabled region rather than {@code regions}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Listing(List<String> profiles, List<String> regions, boolean allRegions) {

        static final Listing DEFAULT = new Listing(List.of(), List.of(), true);

        public Listing {
            profiles = profiles == null ? List.of() : List.copyOf(profiles);
            regions = regions == null ? List.of() : List.copyOf(regions);
        }
    }

    /**
     * @param theme         light or dark
     * @param window        the main window's last position and size, or null
     * @param terminalTheme the terminals' colours when the user set them apart from the theme; null:
     *                      they follow it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Appearance(Theme theme, WindowBounds window, Theme terminalTheme) {

        static final Appearance DEFAULT = new Appearance(Theme.LIGHT, null, null);

        public Appearance {
            theme = theme == null ? Theme.LIGHT : theme;
        }

        public Appearance(Theme theme, WindowBounds window) {
            this(theme, window, null);
        }
    }

    /**
     * @param logins    how to log in to an instance, by instance id, where the user said so
     * @param keyFiles  the private key file of a key pair, by key pair name (the path only, never the key)
     * @param rdpClient the Remote Desktop client to start ("mstsc", "Windows App", "Remmina", "FreeRDP"),
     *                  or null for the first one installed
     * @param tunnels   the tunnels saved for an instance, by instance id, to reopen in one click
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Connections(Map<String, InstanceLogin> logins, Map<String, String> keyFiles, String rdpClient,
                              Map<String, List<TunnelPreset>> tunnels) {

        static final Connections DEFAULT = new Connections(Map.of(), Map.of(), null, Map.of());

        public Connections {
            logins = sorted(logins);
            keyFiles = sorted(keyFiles);
            rdpClient = rdpClient == null || rdpClient.isBlank() ? null : rdpClient.strip();
            Map<String, List<TunnelPreset>> copy = new TreeMap<>();
            if (tunnels != null) {
                tunnels.forEach((id, list) -> {
                    if (list != null && !list.isEmpty()) {
                        copy.put(id, List.copyOf(list));
                    }
                });
            }
            tunnels = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * A tunnel saved for an instance: a port on it (or on a host it reaches) to a local port.
     *
     * @param remoteHost a host the instance reaches, or null for its own port
     * @param remotePort the port to reach
     * @param localPort  the port on 127.0.0.1, or 0 for any free one
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TunnelPreset(String remoteHost, int remotePort, int localPort, String route) {

        /** What carries it: Session Manager (the default, and what older settings meant), or an endpoint. */
        public static final String SESSION_MANAGER = "ssm";
        public static final String ENDPOINT = "eice";

        public TunnelPreset {
            remoteHost = remoteHost == null || remoteHost.isBlank() ? null : remoteHost.strip();
            route = ENDPOINT.equals(route) ? ENDPOINT : SESSION_MANAGER;
        }

        /** Over Session Manager. */
        public TunnelPreset(String remoteHost, int remotePort, int localPort) {
            this(remoteHost, remotePort, localPort, SESSION_MANAGER);
        }

        /** Whether an Instance Connect Endpoint carries it. */
        @JsonIgnore
        public boolean throughEndpoint() {
            return ENDPOINT.equals(route);
        }

        /** "localhost:5432 → 127.0.0.1:15432", "db.example:5432 → any local port", "+ (Instance Connect Endpoint)". */
        @JsonIgnore
        public String label() {
            return (remoteHost == null ? "localhost" : remoteHost) + ":" + remotePort + " → "
                    + (localPort == 0 ? "any local port" : "127.0.0.1:" + localPort)
                    + (throughEndpoint() ? " (Instance Connect Endpoint)" : "");
        }
    }

    /** The window's colours. */
    public enum Theme {
        @JsonProperty("light") @JsonEnumDefaultValue LIGHT,
        @JsonProperty("dark") DARK
    }

    public Settings withProfiles(List<String> value) {
        return new Settings(new Listing(value, listing.regions(), listing.allRegions()), appearance, connections);
    }

    public Settings withRegions(List<String> value, boolean all) {
        return new Settings(new Listing(listing.profiles(), value, all), appearance, connections);
    }

    public Settings withTheme(Theme value) {
        return new Settings(listing, new Appearance(value, appearance.window(), appearance.terminalTheme()), connections);
    }

    /** The terminals' colours set apart from the theme; null to follow it again. */
    public Settings withTerminalTheme(Theme value) {
        return new Settings(listing, new Appearance(appearance.theme(), appearance.window(), value), connections);
    }

    public Settings withWindow(WindowBounds value) {
        return new Settings(listing, new Appearance(appearance.theme(), value, appearance.terminalTheme()), connections);
    }

    public Settings withRdpClient(String value) {
        return new Settings(listing, appearance,
                new Connections(connections.logins(), connections.keyFiles(), value, connections.tunnels()));
    }

    /** How to log in to {@code instanceId}: what the user set, else nothing set. */
    public InstanceLogin login(String instanceId) {
        return connections.logins().getOrDefault(instanceId, InstanceLogin.NONE);
    }

    /** The same with {@code login} for {@code instanceId} (nothing set: forgotten). */
    public Settings withLogin(String instanceId, InstanceLogin login) {
        Map<String, InstanceLogin> next = new TreeMap<>(connections.logins());
        if (login == null || login.isEmpty()) {
            next.remove(instanceId);
        } else {
            next.put(instanceId, login);
        }
        return new Settings(listing, appearance,
                new Connections(next, connections.keyFiles(), connections.rdpClient(), connections.tunnels()));
    }

    /** The key file remembered for key pair {@code keyName}. */
    public Optional<String> keyFile(String keyName) {
        return keyName == null ? Optional.empty() : Optional.ofNullable(connections.keyFiles().get(keyName));
    }

    /** The same, remembering {@code path} as the private key of key pair {@code keyName}. */
    public Settings withKeyFile(String keyName, String path) {
        Map<String, String> next = new TreeMap<>(connections.keyFiles());
        next.put(keyName, path);
        return new Settings(listing, appearance,
                new Connections(connections.logins(), next, connections.rdpClient(), connections.tunnels()));
    }

    /** The tunnels saved for {@code instanceId}, in the order they were saved. */
    public List<TunnelPreset> tunnelPresets(String instanceId) {
        return connections.tunnels().getOrDefault(instanceId, List.of());
    }

    /** The same with {@code preset} saved for {@code instanceId} (once: saving it again changes nothing). */
    public Settings withTunnelPreset(String instanceId, TunnelPreset preset) {
        List<TunnelPreset> list = new ArrayList<>(tunnelPresets(instanceId));
        if (list.contains(preset)) {
            return this;
        }
        list.add(preset);
        return withTunnelPresets(instanceId, list);
    }

    /** The same with {@code instanceId}'s saved tunnels replaced by {@code presets} (empty: forgotten). */
    public Settings withTunnelPresets(String instanceId, List<TunnelPreset> presets) {
        Map<String, List<TunnelPreset>> next = new TreeMap<>(connections.tunnels());
        next.put(instanceId, presets);
        return new Settings(listing, appearance,
                new Connections(connections.logins(), connections.keyFiles(), connections.rdpClient(), next));
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        // Sorted, so the file reads the same from one save to the next.
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** Position and size of a window, in screen coordinates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    /**
     * How the user logs in to one instance; each field null (or false) means Gangway works it out.
     *
     * @param user            log in as this user instead of the AMI's default
     * @param port            SSH port instead of the {@code gangway:ssh-port} tag or 22
     * @param privateAddress  connect to the private IPv4 address (over a VPN, Direct Connect or from the VPC)
     * @param keyFile         this private key file instead of the key pair's
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InstanceLogin(String user, Integer port, boolean privateAddress, String keyFile) {

        public static final InstanceLogin NONE = new InstanceLogin(null, null, false, null);

        public InstanceLogin {
            user = blankToNull(user);
            keyFile = blankToNull(keyFile);
        }

        @JsonIgnore
        public boolean isEmpty() {
            return user == null && port == null && !privateAddress && keyFile == null;
        }

        public InstanceLogin withUser(String value) {
            return new InstanceLogin(value, port, privateAddress, keyFile);
        }

        public InstanceLogin withKeyFile(String value) {
            return new InstanceLogin(user, port, privateAddress, value);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
