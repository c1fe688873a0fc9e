package dev.gangway.connect.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.putty.PuttyKeyUtils;

import dev.gangway.connect.keys.KeyFileException.Problem;

/**
 * Reads private key files the way users have them: AWS's PEM RSA (PKCS#1), PKCS#8 (plain or
 * encrypted), OpenSSH's own format (ed25519, ECDSA, RSA; with or without a passphrase) and PuTTY's
 * .ppk (versions 2 and 3, with or without a passphrase).
 * Parsing is MINA SSHD's (with BouncyCastle for encrypted PEM); this class only turns its failures
 * into messages a user can act on.
 */
public final class KeyFiles {

    private static final byte[] PUTTY_HEADER = "PuTTY-User-Key-File-".getBytes(StandardCharsets.US_ASCII);

    /** How many times a passphrase is asked before giving up, as OpenSSH does. */
    static final int PASSPHRASE_ATTEMPTS = 3;

    /** Asks for the passphrase of a key file; returns null when the user declines. */
    @FunctionalInterface
    public interface PassphrasePrompt {
        /**
         * @param attempt 0 for the first question, then 1, 2 after a wrong passphrase
         * @return the passphrase, which the caller zeroes after use; null to give up
         */
        char[] ask(Path file, int attempt);

        /** For callers that cannot ask (a script, a test): encrypted keys are refused. */
        PassphrasePrompt NONE = (file, attempt) -> null;
    }

    private KeyFiles() {
    }

    /** The first private key in {@code file}, asking {@code prompt} for its passphrase if it has one. */
    public static KeyPair load(Path file, PassphrasePrompt prompt) throws KeyFileException {
        byte[] bytes = read(file);
        Asker asker = new Asker(file, prompt);
        try {
            if (EncryptedPkcs8.isOne(bytes)) {
                byte[] encrypted = bytes;
                try {
                    bytes = openEncryptedPkcs8(encrypted, asker);
                } finally {
                    Arrays.fill(encrypted, (byte) 0);
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw failure(file, asker, e);
        }
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            NamedResource resource = NamedResource.ofName(file.toString());
            Iterable<KeyPair> pairs = isPutty(bytes)
                    ? PuttyKeyUtils.DEFAULT_INSTANCE.loadKeyPairs(null, resource, asker, in)
                    : SecurityUtils.loadKeyPairIdentities(null, resource, in, asker);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw notAKey(file, null);
            }
            KeyPair pair = it.next();
            if (pair == null || pair.getPrivate() == null) {
                throw notAKey(file, null);
            }
            if ("DSA".equals(pair.getPrivate().getAlgorithm())) {
                throw new KeyFileException(file, Problem.NOT_A_KEY, file + " is a DSA key, which OpenSSH (since 7.0) "
                        + "and EC2 no longer accept. Use the key pair's .pem (RSA or ed25519).", null);
            }
            return pair;
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw failure(file, asker, e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Why {@code file} could not be opened, in words: no passphrase given, the wrong one, or not a key. */
    private static KeyFileException failure(Path file, Asker asker, Exception e) {
        if (e instanceof EncryptedPkcs8.Unsupported unsupported) {
            return new KeyFileException(file, Problem.NOT_A_KEY, file + " is encrypted with " + unsupported.getMessage()
                    + ", which Gangway cannot open. Convert it once, keeping its passphrase: openssl pkcs8 -topk8 "
                    + "-v2 aes-256-cbc -in " + file + " -out NEW.pem", null);
        }
        if (asker.declined) {
            return new KeyFileException(file, Problem.NEEDS_PASSPHRASE, file + " is protected by a passphrase, and "
                    + "none was given. Gangway asks for it in the window or on a terminal (and never stores it): "
                    + "run the command in a terminal.", null);
        }
        if (asker.asked) {
            return new KeyFileException(file, Problem.WRONG_PASSPHRASE, "The passphrase does not open " + file
                    + ". Check it and try again (it is the one chosen when the key was made, not your login password).",
                    null);
        }
        return notAKey(file, e);
    }

    /** An encrypted PKCS#8 key opened (see {@link EncryptedPkcs8}), asking as MINA would: up to three tries. */
    private static byte[] openEncryptedPkcs8(byte[] pem, Asker asker) throws IOException, GeneralSecurityException {
        EncryptedPkcs8.Opener opener = EncryptedPkcs8.parse(pem);
        GeneralSecurityException wrong = null;
        for (int attempt = 0; attempt < PASSPHRASE_ATTEMPTS; attempt++) {
            char[] passphrase = asker.prompt.ask(asker.file, attempt);
            if (passphrase == null) {
                asker.declined = true;
                throw wrong != null ? wrong : new GeneralSecurityException("no passphrase");
            }
            asker.asked = true;
            try {
                return opener.open(passphrase);
            } catch (GeneralSecurityException e) {
                wrong = e;
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        }
        throw wrong;
    }

    /** PuTTY's own format (.ppk, versions 2 and 3), which MINA reads with a parser of its own. */
    private static boolean isPutty(byte[] bytes) {
        return bytes.length > PUTTY_HEADER.length
                && Arrays.equals(bytes, 0, PUTTY_HEADER.length, PUTTY_HEADER, 0, PUTTY_HEADER.length);
    }

    /**
     * OpenSSH's warning for a private key others can read ("UNPROTECTED PRIVATE KEY FILE"), as a
     * sentence; empty when the file is private or the file system has no POSIX permissions.
     * Gangway warns but, unlike OpenSSH, does not refuse.
     */
    public static Optional<String> permissionWarning(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
            open.retainAll(perms);
            if (open.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of("The private key " + file + " can be read by other users of this computer. "
                    + "Make it private: chmod 600 '" + file + "'.");
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
    }

    /** The key's SHA-256 fingerprint as OpenSSH prints it ("SHA256:..."). */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    private static byte[] read(Path file) throws KeyFileException {
        try {
            if (Files.isDirectory(file)) {
                throw new KeyFileException(file, Problem.UNREADABLE, file + " is a folder, not a key file.", null);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file, Problem.UNREADABLE, "There is no key file at " + file + ".", null);
        } catch (AccessDeniedException e) {
            throw new KeyFileException(file, Problem.UNREADABLE, "Gangway may not read " + file
                    + ". Check the file's owner and permissions.", null);
        } catch (IOException e) {
            throw new KeyFileException(file, Problem.UNREADABLE, "Could not read " + file + ": " + e.getMessage(), null);
        }
    }

    private static KeyFileException notAKey(Path file, Throwable cause) {
        return new KeyFileException(file, Problem.NOT_A_KEY, file + " is not a private key Gangway can read (PEM, "
                + "PKCS#8, OpenSSH or PuTTY .ppk format), or it is damaged. Use the .pem file AWS gave you when the key pair "
                + "was created.", cause);
    }

    /** MINA's passphrase callback over the user's prompt; remembers whether it asked and was declined. */
    private static final class Asker implements FilePasswordProvider {
        private final Path file;
        private final PassphrasePrompt prompt;
        boolean asked;
        boolean declined;

        Asker(Path file, PassphrasePrompt prompt) {
            this.file = file;
            this.prompt = prompt;
        }

        @Override
        public String getPassword(SessionContext session, NamedResource resource, int retryIndex) {
            char[] answer = prompt.ask(file, retryIndex);
            if (answer == null) {
                declined = true;
                return null;
            }
            asked = true;
            // MINA takes the passphrase as a String; the char[] is zeroed here, the String is left to the GC.
            String passphrase = new String(answer);
            Arrays.fill(answer, '\0');
            return passphrase;
        }

        @Override
        public ResourceDecodeResult handleDecodeAttemptResult(SessionContext session, NamedResource resource,
                int retryIndex, String password, Exception err) {
            if (err == null) {
                return ResourceDecodeResult.TERMINATE;
            }
            return password != null && retryIndex + 1 < PASSPHRASE_ATTEMPTS
                    ? ResourceDecodeResult.RETRY : ResourceDecodeResult.TERMINATE;
        }
    }
}
