package dev.gangway.ssm.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The data channel's frames, byte for byte as AWS's session-manager-plugin writes and reads them:
 * the vectors of the protocol notes (TV1-TV7), encoded and decoded.
 */
class ClientMessageTest {

    static final HexFormat HEX = HexFormat.of();
    static final long CREATED = 1503434274948L;
    static final UUID ID = UUID.fromString("dd01e56b-ff48-483e-a508-b5f073f31b16");

    static final String TV1 = "00000074696e7075745f73747265616d5f64617461202020202020202020202020202020000000010000015e0baa78840000"
            + "0000000000000000000000000000a508b5f073f31b16dd01e56bff48483e1d887ce0f8672e4914d9000e801cd74ecd805dd9"
            + "366c0bc42dc16adc0197dc2f00000001000000036c730d";
    static final String TV2 = "0000007461636b6e6f776c65646765202020202020202020202020202020202020202020000000010000015e0baa78840000"
            + "0000000000000000000000000003a508b5f073f31b16dd01e56bff48483e70765cf36b47a85cafb43c58180930b0c829c412"
            + "e489d2c65443afa7bf3ee3a700000000000000b07b2241636b6e6f776c65646765644d65737361676554797065223a226f75"
            + "747075745f73747265616d5f64617461222c2241636b6e6f776c65646765644d6573736167654964223a2234663062326133"
            + "632d316432652d346636302d386139622d306331643265336634613562222c2241636b6e6f776c65646765644d6573736167"
            + "6553657175656e63654e756d626572223a352c22497353657175656e7469616c4d657373616765223a747275657d";
    static final String TV3 = "00000074696e7075745f73747265616d5f64617461202020202020202020202020202020000000010000015e0baa78840000"
            + "0000000000010000000000000000a508b5f073f31b16dd01e56bff48483eedf7359c89077b608a6b3e8b19e63bbfc7aa7249"
            + "89a05ea371a9966a6e9db7cc00000003000000167b22636f6c73223a3132302c22726f7773223a34307d";
    static final String TV4 = "00000074696e7075745f73747265616d5f64617461202020202020202020202020202020000000010000015e0baa78840000"
            + "0000000000020000000000000000a508b5f073f31b16dd01e56bff48483e433ebf5bc03dffa38536673207a21281612cef5f"
            + "aa9bc7a4d5b9be2fdb12cf1a0000000a0000000400000002";
    static final String TV5 = "000000746f75747075745f73747265616d5f646174612020202020202020202020202020000000010000015e0baa78840000"
            + "0000000000000000000000000001a508b5f073f31b16dd01e56bff48483ecd2eca3535741f27a8ae40c31b0c41d4057a7a7b"
            + "912b33b9aed86485d1c84676000000010000000768656c6c6f0d0a";
    static final String TV6 = "000000746f75747075745f73747265616d5f646174612020202020202020202020202020000000010000015e0baa78840000"
            + "0000000000000000000000000001844455555555555511111111222243331f240ccad4c92ca9f36110d57c5a358bf2c65deb"
            + "d4139d0e0ba6981ac68b2d1000000005000000d57b224167656e7456657273696f6e223a22332e332e3938372e30222c2252"
            + "6571756573746564436c69656e74416374696f6e73223a5b7b22416374696f6e54797065223a2253657373696f6e54797065"
            + "222c22416374696f6e506172616d6574657273223a7b2253657373696f6e54797065223a22506f7274222c2250726f706572"
            + "74696573223a7b226c6f63616c506f72744e756d626572223a2238303830222c22706f72744e756d626572223a223830222c"
            + "2274797065223a224c6f63616c506f7274466f7277617264696e67227d7d7d5d7d";
    static final String TV7_HEADER = "00000074696e7075745f73747265616d5f64617461202020202020202020202020202020000000010000015e0baa78840000"
            + "0000000000000000000000000000a508b5f073f31b16dd01e56bff48483e035056b24ece59f84a6ba856caba412de915a64e"
            + "738063c9d37bc4a755e559970000000600000093";

    static ClientMessage input(long seq, PayloadType type, byte[] payload) {
        return ClientMessage.of(ClientMessage.INPUT_STREAM_DATA, seq, 0, type, payload, CREATED, ID);
    }

    @Test
    void keystrokesAreFramedAsThePluginFramesThem() throws Exception {
        ClientMessage ls = input(0, PayloadType.OUTPUT, "ls\r".getBytes(StandardCharsets.US_ASCII));
        assertThat(HEX.formatHex(ls.encode())).isEqualTo(TV1);
        assertThat(ClientMessage.decode(HEX.parseHex(TV1))).isEqualTo(ls);
    }

    @Test
    void anAcknowledgementIsTheGoJsonInAFlags3Frame() throws Exception {
        ClientMessage acked = ClientMessage.of(ClientMessage.OUTPUT_STREAM_DATA, 5, 0, PayloadType.OUTPUT, new byte[0],
                CREATED, UUID.fromString("4f0b2a3c-1d2e-4f60-8a9b-0c1d2e3f4a5b"));
        ClientMessage ack = Acknowledgement.of(acked).message(CREATED, ID);
        assertThat(HEX.formatHex(ack.encode())).isEqualTo(TV2);
        ClientMessage read = ClientMessage.decode(HEX.parseHex(TV2));
        assertThat(read.flags()).isEqualTo(3);
        assertThat(Acknowledgement.read(read.payload())).isEqualTo(new Acknowledgement("output_stream_data",
                "4f0b2a3c-1d2e-4f60-8a9b-0c1d2e3f4a5b", 5, true));
    }

    @Test
    void aResizeAndATerminateFlagAreFramedExactly() throws Exception {
        assertThat(HEX.formatHex(input(1, PayloadType.SIZE, new TerminalSize(120, 40).payload()).encode()))
                .isEqualTo(TV3);
        assertThat(HEX.formatHex(input(2, PayloadType.FLAG, ShellPayloads.flag(ShellPayloads.TERMINATE_SESSION))
                .encode())).isEqualTo(TV4);
        assertThat(ClientMessage.decode(HEX.parseHex(TV4)).payloadType()).isEqualTo(PayloadType.FLAG);
    }

    @Test
    void theAgentsFirstOutputAndHandshakeRequestDecode() throws Exception {
        ClientMessage hello = ClientMessage.decode(HEX.parseHex(TV5));
        assertThat(hello.messageType()).isEqualTo(ClientMessage.OUTPUT_STREAM_DATA);
        assertThat(hello.flags()).isEqualTo(1);
        assertThat(hello.messageId()).isEqualTo(ID);
        assertThat(new String(hello.payload(), StandardCharsets.US_ASCII)).isEqualTo("hello\r\n");
        assertThat(HEX.formatHex(hello.encode())).isEqualTo(TV5);

        ClientMessage handshake = ClientMessage.decode(HEX.parseHex(TV6));
        assertThat(handshake.payloadType()).isEqualTo(PayloadType.HANDSHAKE_REQUEST);
        assertThat(handshake.messageId()).isEqualTo(UUID.fromString("11111111-2222-4333-8444-555555555555"));
        assertThat(new String(handshake.payload(), StandardCharsets.UTF_8)).startsWith("{\"AgentVersion\":\"3.3.987.0\"");
        assertThat(HEX.formatHex(handshake.encode())).isEqualTo(TV6);
    }

    @Test
    void theHandshakeResponseIsThePluginsJsonWithItsNulls() {
        HandshakeResponse response = new HandshakeResponse("1.2.677.0",
                List.of(new HandshakeResponse.ProcessedAction("SessionType", HandshakeResponse.SUCCESS, null, "")), null);
        byte[] payload = response.payload();
        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("{\"ClientVersion\":\"1.2.677.0\","
                + "\"ProcessedClientActions\":[{\"ActionType\":\"SessionType\",\"ActionStatus\":1,\"ActionResult\":null,"
                + "\"Error\":\"\"}],\"Errors\":null}");
        byte[] frame = input(0, PayloadType.HANDSHAKE_RESPONSE, payload).encode();
        assertThat(HEX.formatHex(frame, 0, ClientMessage.HEADER_SIZE)).isEqualTo(TV7_HEADER);
    }

    @Test
    void aChangedPayloadAMissingTypeOrDateAndAShortFrameAreRefused() {
        byte[] tampered = HEX.parseHex(TV1);
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> ClientMessage.decode(tampered)).isInstanceOf(ClientMessage.BadFrame.class)
                .hasMessageContaining("digest");
        byte[] noType = HEX.parseHex(TV1);
        for (int i = 4; i < 36; i++) {
            noType[i] = ' ';
        }
        assertThatThrownBy(() -> ClientMessage.decode(noType)).hasMessageContaining("no message type");
        byte[] noDate = HEX.parseHex(TV1);
        for (int i = 40; i < 48; i++) {
            noDate[i] = 0;
        }
        assertThatThrownBy(() -> ClientMessage.decode(noDate)).hasMessageContaining("no creation date");
        assertThatThrownBy(() -> ClientMessage.decode(new byte[119])).hasMessageContaining("shorter than the 120-byte");
        byte[] badLength = HEX.parseHex(TV1);
        badLength[3] = (byte) 0xff;
        assertThatThrownBy(() -> ClientMessage.decode(badLength)).hasMessageContaining("header length");
    }

    @Test
    void anEmptyPayloadNeedsNoDigestAndTheMessageNeverShowsItsPayload() throws Exception {
        ClientMessage empty = input(3, PayloadType.OUTPUT, new byte[0]);
        byte[] frame = empty.encode();
        assertThat(HEX.formatHex(frame, 80, 112))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(ClientMessage.decode(frame)).isEqualTo(empty);
        assertThat(input(0, PayloadType.OUTPUT, "hunter2\r".getBytes(StandardCharsets.US_ASCII)).toString())
                .doesNotContain("hunter2").contains("8 bytes");
    }

    @Test
    void anExitCodeIsReadFromItsText() {
        assertThat(ShellPayloads.exitCode("EXIT_CODE: 3".getBytes(StandardCharsets.US_ASCII))).hasValue(3);
        assertThat(ShellPayloads.exitCode("EXIT_CODE: -1\n".getBytes(StandardCharsets.US_ASCII))).hasValue(-1);
        assertThat(ShellPayloads.exitCode("exit 3".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }
}
