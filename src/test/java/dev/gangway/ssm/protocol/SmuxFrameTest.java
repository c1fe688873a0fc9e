package dev.gangway.ssm.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** smux v1 frames against the notes' TV10 (checked with the plugin's vendored smux), and their reassembly. */
class SmuxFrameTest {

    static final HexFormat HEX = HexFormat.of();

    @Test
    void framesEncodeAsTheVectorsSay() {
        assertThat(HEX.formatHex(SmuxFrame.syn(3).encode())).isEqualTo("0100000003000000");
        assertThat(HEX.formatHex(SmuxFrame.psh(3, "hello".getBytes(StandardCharsets.US_ASCII)).encode()))
                .isEqualTo("010205000300000068656c6c6f");
        assertThat(HEX.formatHex(SmuxFrame.fin(3).encode())).isEqualTo("0101000003000000");
        assertThat(HEX.formatHex(SmuxFrame.nop().encode())).isEqualTo("0103000000000000");
        assertThat(HEX.formatHex(Arrays.copyOf(SmuxFrame.psh(5, new byte[300]).encode(), 8))).isEqualTo("01022c0105000000");
    }

    @Test
    void framesDecodeFromTheVectors() throws Exception {
        SmuxFrame.Reader r = new SmuxFrame.Reader();
        assertThat(r.feed(HEX.parseHex("0100000003000000" + "010205000300000068656c6c6f" + "0101000003000000"
                + "0103000000000000"))).containsExactly(SmuxFrame.syn(3),
                SmuxFrame.psh(3, "hello".getBytes(StandardCharsets.US_ASCII)), SmuxFrame.fin(3), SmuxFrame.nop());
    }

    /** The data channel cuts the byte stream anywhere: frames come out whole, in order, whatever the cuts. */
    @Test
    void framesCutAnywhereComeOutWhole() throws Exception {
        Random random = new Random(42);
        List<SmuxFrame> sent = new ArrayList<>();
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(3000)];
            random.nextBytes(data);
            SmuxFrame f = i % 50 == 0 ? SmuxFrame.syn(3 + 2L * (i / 50)) : SmuxFrame.psh(3, data);
            sent.add(f);
            stream.writeBytes(f.encode());
        }
        byte[] all = stream.toByteArray();
        SmuxFrame.Reader r = new SmuxFrame.Reader();
        List<SmuxFrame> got = new ArrayList<>();
        for (int at = 0; at < all.length;) {
            int n = Math.min(all.length - at, 1 + random.nextInt(1024));
            got.addAll(r.feed(Arrays.copyOfRange(all, at, at + n)));
            at += n;
        }
        assertThat(got).containsExactlyElementsOf(sent);
    }

    @Test
    void largeDataIsSplitAtTheMaximumFrameSize() {
        List<SmuxFrame> frames = SmuxFrame.pshAll(7, new byte[70_000], 0, 70_000);
        assertThat(frames).extracting(f -> f.data().length).containsExactly(32768, 32768, 4464);
        assertThat(frames).allSatisfy(f -> assertThat(f.streamId()).isEqualTo(7));
    }

    @Test
    void anotherVersionOrAVersionTwoCommandIsAProtocolError() {
        assertThatThrownBy(() -> new SmuxFrame.Reader().feed(HEX.parseHex("0200000003000000")))
                .isInstanceOf(SmuxFrame.ProtocolError.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> new SmuxFrame.Reader().feed(HEX.parseHex("0104000003000000")))
                .isInstanceOf(SmuxFrame.ProtocolError.class).hasMessageContaining("command 4");
    }
}
