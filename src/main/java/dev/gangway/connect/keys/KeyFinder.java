package dev.gangway.connect.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the private key file of an EC2 key pair: {@code <KeyName>.pem}, {@code .key}, {@code .ppk} or no
 * extension in the user's key folders, confirmed by the fingerprint EC2 reports when there is one.
 */
public final class KeyFinder {

    static final List<String> EXTENSIONS = List.of(".pem", ".key", ".ppk", "");

    private final List<Path> folders;

    public KeyFinder(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The default folders: ~/.ssh and ~/Downloads. */
    public static List<Path> defaultFolders() {
        Path home = Path.of(System.getProperty("user.home"));
        return List.of(home.resolve(".ssh"), home.resolve("Downloads"));
    }

    /** Files named after the key pair, in folder order. */
    public List<Path> candidates(String keyName) {
        List<Path> found = new ArrayList<>();
        if (keyName == null || keyName.isBlank() || keyName.contains("/") || keyName.contains("\\")) {
            return found;
        }
        for (Path folder : folders) {
            for (String ext : EXTENSIONS) {
                Path p = folder.resolve(keyName + ext);
                if (Files.isRegularFile(p)) {
                    found.add(p);
                }
            }
        }
        return found;
    }

    /**
     * The first candidate that opens without a passphrase and matches {@code ec2Fingerprint}; when
     * EC2 gave no fingerprint, the first candidate that opens. Encrypted candidates are left to
     * the caller, who can ask for a passphrase.
     */
    public Optional<Path> find(String keyName, String ec2Fingerprint) {
        for (Path p : candidates(keyName)) {
            try {
                KeyPair pair = KeyFiles.load(p, KeyFiles.PassphrasePrompt.NONE);
                if (ec2Fingerprint == null || Ec2KeyFingerprints.matches(pair, ec2Fingerprint)) {
                    return Optional.of(p);
                }
            } catch (KeyFileException notThisOne) {
                // Unreadable, not a key, or locked: try the next candidate.
            }
        }
        return Optional.empty();
    }
}
