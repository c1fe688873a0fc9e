package dev.gangway.ssh;

/** Where to log in: a host name or address, its SSH port, and the user. */
public record SshTarget(String host, int port, String user) {

    public SshTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host to connect to");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("no user to log in as");
        }
    }

    /** "user@host" or "user@host:port", as shown in tab titles and messages. */
    public String label() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return user + "@" + h + (port == 22 ? "" : ":" + port);
    }
}
