package dev.gangway.common;

import java.util.Locale;

/** The OS Gangway runs on, told once from {@code os.name}; anything not Windows or macOS is treated as Linux. */
public enum HostOs {
    WINDOWS, MAC, LINUX;

    public static HostOs current() {
        return of(System.getProperty("os.name", ""));
    }

    /** The OS named {@code osName} as Java reports it ("Windows 11", "Mac OS X", "Linux"). */
    public static HostOs of(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        return name.startsWith("windows") ? WINDOWS : name.startsWith("mac") ? MAC : LINUX;
    }
}
