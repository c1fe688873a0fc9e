package dev.gangway.rdp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Remote Desktop connection file, in the properties Microsoft documents for .rdp files ("Supported
 * Remote Desktop RDP file settings"). It holds no password: mstsc keeps those encrypted with the
 * user's own DPAPI key, which no other program can make, so each client gets it its own way.
 *
 * @param host       DNS name or address; an IPv6 address is bracketed in "full address"
 * @param port       the RDP port; "full address" names it unless it is 3389
 * @param fullScreen full screen, or a window of {@code width} x {@code height} that resizes the remote desktop
 */
public record RdpFile(String host, int port, String user, boolean fullScreen, int width, int height) {

    public static final int DEFAULT_PORT = 3389;

    /**
     * A line break (or any control character) in the host or the user would end its line and start a
     * setting of its own ("alternate shell:s:...", say): refused, as no Windows name holds one.
     */
    public RdpFile {
        if (host == null || host.isEmpty() || host.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The Remote Desktop host '" + host + "' is not a host name or address.");
        }
        if (user == null || user.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The Remote Desktop user name holds a line break or another control "
                    + "character, which no Windows user name has: check the user in the login settings.");
        }
    }

    /** A 1600 x 900 window whose size the remote desktop follows: easy to move beside other work. */
    public static RdpFile windowed(String host, int port, String user) {
        return new RdpFile(host, port, user, false, 1600, 900);
    }

    /** "host", "host:3390", "[2001:db8::1]:3390". */
    public String fullAddress() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return port == DEFAULT_PORT ? h : h + ":" + port;
    }

    /** The settings in file order: name -> "type:value". */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("full address", "s:" + fullAddress());
        s.put("username", "s:" + user);
        s.put("screen mode id", "i:" + (fullScreen ? 2 : 1));
        s.put("desktopwidth", "i:" + width);
        s.put("desktopheight", "i:" + height);
        s.put("session bpp", "i:32");
        s.put("dynamic resolution", "i:1");
        s.put("smart sizing", "i:1");
        // Gangway hands the password over itself (credential store, stdin or clipboard).
        s.put("prompt for credentials", "i:0");
        // EC2 instances present a self-signed certificate: warn about it, let the user go on (mstsc's default).
        s.put("authentication level", "i:2");
        s.put("enablecredsspsupport", "i:1");
        s.put("autoreconnection enabled", "i:1");
        s.put("redirectclipboard", "i:1");
        s.put("audiomode", "i:0");
        s.put("compression", "i:1");
        s.put("networkautodetect", "i:1");
        s.put("bandwidthautodetect", "i:1");
        s.put("connection type", "i:7");
        return s;
    }

    /** The file's text, one "name:type:value" line each, CRLF as on Windows. */
    public String text() {
        StringBuilder b = new StringBuilder();
        settings().forEach((name, value) -> b.append(name).append(':').append(value).append("\r\n"));
        return b.toString();
    }

    /**
     * UTF-16LE with a byte-order mark, as mstsc writes .rdp files: every client reads it (FreeRDP,
     * Remmina, Windows App), and user names such as "Администратор" survive.
     */
    public byte[] bytes() {
        ByteBuffer text = StandardCharsets.UTF_16LE.encode(text());
        byte[] out = new byte[2 + text.remaining()];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        text.get(out, 2, text.remaining());
        return out;
    }
}
