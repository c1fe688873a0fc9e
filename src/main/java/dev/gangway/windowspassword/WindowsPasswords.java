package dev.gangway.windowspassword;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.connect.CannotConnect;
import dev.gangway.connect.ConnectOptions;
import dev.gangway.connect.ConnectQuestions;
import dev.gangway.connect.Reachability;
import dev.gangway.connect.keys.KeyFileException;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.WindowsUser;
import dev.gangway.windowspassword.WindowsPasswordException.Reason;

/**
 * Gets a Windows instance's initial administrator password: GetPasswordData, then decrypted here
 * with the key pair's private key, found as for SSH (key folders, EC2's fingerprint, the file
 * remembered for the key pair, a passphrase asked for and not kept).
 */
public final class WindowsPasswords {

    /** The account and its password; {@link #close()} zeroes the password. */
    public record Credentials(String user, char[] password, Path keyFile) implements AutoCloseable {
        @Override
        public void close() {
            Arrays.fill(password, '\0');
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=(hidden), keyFile=" + keyFile + "]";
        }
    }

    private final Ec2Calls lookups;
    private final Clock clock;

    public WindowsPasswords(Ec2Calls lookups, Clock clock) {
        this.lookups = lookups;
        this.clock = clock;
    }

    /**
     * The password of {@code instance}, for the user set in {@code options} or the AMI's built-in
     * administrator account.
     */
    public Credentials get(Instance instance, ConnectOptions options, ConnectQuestions questions)
            throws WindowsPasswordException, CannotConnect, CloudException {
        String who = instance.label();
        if (instance.platform() != GuestOs.WINDOWS) {
            throw new WindowsPasswordException(Reason.NO_PASSWORD, who + " is not a Windows instance: it has no Windows "
                    + "password. Log in with SSH instead.");
        }
        if (instance.keyName() == null && options.key() == null) {
            throw new WindowsPasswordException(Reason.NO_PASSWORD, who + " was launched without a key pair, so EC2 keeps "
                    + "no password for it. Reset the password through Systems Manager (AWSSupport-ResetAccess) instead.");
        }
        String data = lookups.passwordData(instance).orElseThrow(() -> notReady(instance, who));
        Path keyFile = new Reachability(lookups).keyFile(instance, options, questions);
        KeyPair pair;
        try {
            pair = KeyFiles.load(keyFile, questions::passphrase);
        } catch (KeyFileException e) {
            throw new CannotConnect(e.getMessage());
        }
        String keyPair = instance.keyName() == null ? "the instance's key pair" : "key pair '" + instance.keyName() + "'";
        try {
            char[] password = WindowsPasswordDecryptor.decrypt(data, pair.getPrivate());
            String user = options.user() != null ? options.user() : WindowsUser.forImage(instance.imageName());
            return new Credentials(user, password, keyFile);
        } catch (WindowsPasswordException e) {
            throw switch (e.reason()) {
                case NOT_RSA -> new WindowsPasswordException(Reason.NOT_RSA, "Windows passwords can only be decrypted "
                        + "with an RSA key pair; " + keyFile + " is an " + WindowsPasswordDecryptor.algorithm(pair.getPrivate())
                        + " key. Choose the .pem file of " + keyPair + ".");
                case WRONG_KEY -> new WindowsPasswordException(Reason.WRONG_KEY, keyFile + " does not decrypt the "
                        + "password of " + who + ": it is not the private key of " + keyPair + "."
                        + (WindowsPasswordDecryptor.NOT_THIS_KEY.equals(e.getMessage()) ? "" : " " + e.getMessage())
                        + " Choose that key pair's .pem file.");
                case DAMAGED -> new WindowsPasswordException(Reason.DAMAGED, "The password data EC2 sent for " + who
                        + " is damaged: " + e.getMessage() + " Try again in a moment.");
                default -> e;
            };
        }
    }

    private WindowsPasswordException notReady(Instance instance, String who) {
        if (instance.launchTime() == null) {
            return new WindowsPasswordException(Reason.NOT_READY, "The password of " + who + " is not available yet: "
                    + "Windows generates it a few minutes after launch.");
        }
        Duration age = Duration.between(instance.launchTime(), clock.instant());
        String text = "The password of " + who + " is not available yet: Windows generates it a few minutes after "
                + "launch (launched " + ago(age) + ").";
        if (age.toMinutes() >= 30) {
            // Long past the few minutes: this AMI probably keeps its own password instead of a random one.
            text += " After this long, its AMI probably does not set a random password (custom AMIs often keep "
                    + "the password they were made with).";
        }
        return new WindowsPasswordException(Reason.NOT_READY, text);
    }

    /** "just now", "2 min ago", "5 h ago", "3 days ago". */
    static String ago(Duration age) {
        long minutes = Math.max(0, age.toMinutes());
        if (minutes < 1) {
            return "just now";
        }
        if (minutes < 120) {
            return minutes + " min ago";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + " h ago" : hours / 24 + " days ago";
    }
}
