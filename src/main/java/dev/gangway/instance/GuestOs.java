package dev.gangway.instance;

/** The operating-system family that decides how Gangway connects: SSH for Linux, RDP for Windows. */
public enum GuestOs {
    LINUX("Linux"),
    WINDOWS("Windows");

    private final String label;

    GuestOs(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** EC2 reports {@code platform=windows} for Windows instances and nothing for everything else. */
    public static GuestOs fromEc2(String platform) {
        return platform != null && platform.equalsIgnoreCase("windows") ? WINDOWS : LINUX;
    }
}
