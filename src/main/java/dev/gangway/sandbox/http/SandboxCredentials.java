package dev.gangway.sandbox.http;

import java.security.SecureRandom;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The access key a sandbox accepts: made at random for each run (an access key id and a secret of
 * AWS's shapes), so only whoever started it, or was shown its keys, can call it. Another local user
 * who finds the sandbox's port cannot sign a request it takes (and through it push an SSH key to a
 * shell running as the starter). The secret is a {@code String} because the SDK's signer and
 * credentials take nothing else; it lives as long as the sandbox and is never logged or put in an
 * environment, a command line or a file others can read.
 */
public final class SandboxCredentials {

    /** AWS's access key ids are "AKIA" and 16 characters of base 32 (A-Z, 2-7). */
    private static final char[] KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    /** AWS's secret access keys are 40 characters of base 64. */
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final String accessKeyId;
    private final String secretAccessKey;

    private SandboxCredentials(String accessKeyId, String secretAccessKey) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    /** A new key, from {@link SecureRandom}: 80 bits in the id, 240 in the secret. */
    public static SandboxCredentials random() {
        SecureRandom random = new SecureRandom();
        return new SandboxCredentials("AKIA" + draw(random, KEY_ID_ALPHABET, 16), draw(random, SECRET_ALPHABET, 40));
    }

    private static String draw(SecureRandom random, char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /** The secret, for the starter's own eyes (its terminal, or a 0600 profile file) and the signer. */
    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** For the SDK clients of the process that started the sandbox: handed over in memory. */
    public StaticCredentialsProvider provider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    /** Never the secret: this object may end up in a log line or a debugger's view. */
    @Override
    public String toString() {
        return "SandboxCredentials[" + accessKeyId + ", secret hidden]";
    }
}
