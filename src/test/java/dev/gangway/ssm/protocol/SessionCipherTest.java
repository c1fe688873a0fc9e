package dev.gangway.ssm.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** KMS-encrypted sessions' payloads, against the notes' AES-256-GCM vectors (TV11). */
class SessionCipherTest {

    static final HexFormat HEX = HexFormat.of();
    static final byte[] NONCE = HEX.parseHex("000102030405060708090a0b");

    static byte[] dataKey() {
        byte[] key = new byte[64];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        return key;
    }

    @Test
    void eachSideEncryptsWithItsHalfAsThePluginAndTheAgentDo() throws Exception {
        try (SessionCipher client = SessionCipher.client(dataKey()); SessionCipher agent = SessionCipher.agent(dataKey())) {
            byte[] ls = client.encrypt("ls\r".getBytes(StandardCharsets.US_ASCII), NONCE);
            assertThat(HEX.formatHex(ls)).isEqualTo("000102030405060708090a0b302150796b6ce92de9e02938ee56f3d16b8741");
            byte[] hello = agent.encrypt("hello\r\n".getBytes(StandardCharsets.US_ASCII), NONCE);
            assertThat(HEX.formatHex(hello))
                    .isEqualTo("000102030405060708090a0b2f67ba77aae8c89300047a31533ff9d4164be444aedcfa");
            assertThat(new String(agent.decrypt(ls), StandardCharsets.US_ASCII)).isEqualTo("ls\r");
            assertThat(new String(client.decrypt(hello), StandardCharsets.US_ASCII)).isEqualTo("hello\r\n");
        }
    }

    @Test
    void aChangedCiphertextOrTheWrongHalfFailsAndNoncesAreFresh() throws Exception {
        try (SessionCipher client = SessionCipher.client(dataKey()); SessionCipher agent = SessionCipher.agent(dataKey())) {
            byte[] a = client.encrypt("same".getBytes(StandardCharsets.US_ASCII));
            byte[] b = client.encrypt("same".getBytes(StandardCharsets.US_ASCII));
            assertThat(a).hasSize(4 + 28).isNotEqualTo(b);
            a[20] ^= 1;
            assertThatThrownBy(() -> agent.decrypt(a)).isInstanceOf(GeneralSecurityException.class);
            assertThatThrownBy(() -> client.decrypt(b)).isInstanceOf(GeneralSecurityException.class);
        }
    }
}
