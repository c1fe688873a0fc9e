package dev.gangway.connect;

/**
 * Asks the user about a server key that nothing vouches for (not in known_hosts, no console
 * output to compare with). The window shows a dialog; a shell command asks on its terminal, or
 * refuses when it has none.
 */
@FunctionalInterface
public interface HostKeyPrompt {

    /**
     * @param host        the name or address connected to
     * @param port        its port
     * @param keyType     e.g. "ssh-ed25519"
     * @param fingerprint the key's SHA-256 fingerprint, as OpenSSH prints it
     * @return true to trust the key and remember it in known_hosts
     */
    boolean trustUnknownKey(String host, int port, String keyType, String fingerprint);

    /** Never trusts an unknown key: for scripts and other callers that cannot ask anyone. */
    HostKeyPrompt REFUSE = (host, port, keyType, fingerprint) -> false;
}
