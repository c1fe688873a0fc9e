package dev.gangway.doctor;

/** The ways into an instance the doctor weighs, in the order it prefers them when several work. */
public enum Way {
    /** Checks every way depends on (the instance's state). */
    ANY("Every way", "any"),
    DIRECT("To its address", "direct"),
    INSTANCE_CONNECT("EC2 Instance Connect", "instance-connect"),
    ENDPOINT("Instance Connect Endpoint", "eice"),
    SESSION_MANAGER("Session Manager", "ssm"),
    /** Windows: the password and a Remote Desktop client, which every Remote Desktop way needs. */
    WINDOWS_LOGIN("Windows login", "windows-login");

    private final String title;
    private final String id;

    Way(String title, String id) {
        this.title = title;
        this.id = id;
    }

    public String title() {
        return title;
    }

    /** The title as the instance's kind of login says it: "SSH to its address", "Remote Desktop over Session Manager". */
    public String title(boolean windows) {
        String how = windows ? "Remote Desktop" : "SSH";
        return switch (this) {
            case DIRECT -> how + " to its address";
            case ENDPOINT -> how + " through an Instance Connect Endpoint";
            case SESSION_MANAGER -> windows ? "Remote Desktop over Session Manager" : "Session Manager";
            default -> title;
        };
    }

    /** The name {@code --via} and the JSON give it. */
    public String id() {
        return id;
    }
}
