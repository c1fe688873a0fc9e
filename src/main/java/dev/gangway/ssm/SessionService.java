package dev.gangway.ssm;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * What a Session Manager data channel needs from AWS beside the channel itself: a new token when
 * the channel drops (ResumeSession), the end of the session when the user closes it
 * (TerminateSession), and a data key when the session is encrypted (KMS GenerateDataKey). The
 * calls use the identity that started the session.
 */
public interface SessionService {

    /** For a bare channel (tests of the channel alone): no resume, no encryption, nothing to terminate. */
    SessionService NONE = new SessionService() {
        @Override
        public Optional<SsmSessions.Started> resume(String sessionId) throws IOException {
            throw new IOException("This session cannot be resumed.");
        }

        @Override
        public void terminate(String sessionId) {
            // nothing to end beyond the channel
        }

        @Override
        public DataKey dataKey(String keyId, Map<String, String> context) throws IOException {
            throw new IOException("This session asks for KMS encryption, which needs the AWS identity that started it.");
        }
    };

    /** ResumeSession: where and with which token the channel opens again; empty when the session is over. */
    Optional<SsmSessions.Started> resume(String sessionId) throws IOException;

    /** TerminateSession: the session ends on the instance too; failures are not the user's concern. */
    void terminate(String sessionId);

    /** GenerateDataKey of 64 bytes under {@code keyId}, bound to {@code context}. */
    DataKey dataKey(String keyId, Map<String, String> context) throws IOException;

    /** A data key: the plaintext (a secret, zeroed by whoever takes it) and the blob the agent decrypts. */
    record DataKey(byte[] plaintext, byte[] ciphertextBlob) {
        @Override
        public String toString() {
            return "DataKey[plaintext hidden]";
        }
    }
}
