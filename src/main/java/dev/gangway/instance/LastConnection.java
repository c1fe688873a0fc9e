package dev.gangway.instance;

/**
 * What the last SSH connection to an instance from this machine met: the key exchange its server
 * agreed on, the SHA-256 fingerprint of its host key (which identifies the machine: a connection to
 * where a cache says the instance is must meet exactly this key) and the key file that logged in
 * (null when none, as with EC2 Instance Connect).
 */
public record LastConnection(String keyExchange, String hostKey, String keyFile) {
}
