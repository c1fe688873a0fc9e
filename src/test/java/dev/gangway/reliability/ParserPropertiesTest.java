package dev.gangway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import dev.gangway.connect.keys.KeyFileException;
import dev.gangway.connect.keys.KeyFiles;
import dev.gangway.rdp.RdpFile;
import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryParams;
import dev.gangway.settings.Settings;
import dev.gangway.settings.SettingsStore;
import dev.gangway.ssh.ConsoleHostKeys;
import dev.gangway.ssm.protocol.ClientMessage;
import dev.gangway.ssm.protocol.PayloadType;
import dev.gangway.ssm.protocol.SmuxFrame;

/**
 * Property runs (jqwik) over the parsers Gangway wrote itself: whatever they are given, they answer
 * with a result or their own refusal, never a crash, and what they write they read back the same.
 * Bounded for CI: 400 tries each (junit-platform.properties; the ones that write files, fewer), a
 * few seconds in all. A longer run: {@code -Djqwik.tries.default=50000} (README gives its figure).
 */
class ParserPropertiesTest {

    // ---- the console output's host keys ------------------------------------------------------

    @Property
    void anyConsoleOutputIsReadWithoutACrash(@ForAll @Size(max = 4000) String console) {
        assertThat(ConsoleHostKeys.parse(console).fingerprints()).isNotNull();
    }

    @Property
    void onlyTheLastBlocksFingerprintsAreTrusted(@ForAll("noise") String before, @ForAll("noise") String after,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1_000_000) Integer> seeds) {
        List<String> inside = seeds.stream().map(ParserPropertiesTest::fingerprint).toList();
        StringBuilder console = new StringBuilder(before).append("\nec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n");
        inside.forEach(f -> console.append("ec2: 256 ").append(f).append(" root@ip (ED25519)\n"));
        console.append("ec2: -----END SSH HOST KEY FINGERPRINTS-----\n");
        // After the block, lines that look like fingerprints: a program printing to the console.
        console.append("ec2: 256 ").append(fingerprint(-1)).append(" root@ip (ED25519)\n").append(after);
        assertThat(ConsoleHostKeys.parse(console.toString()).fingerprints()).containsExactlyElementsOf(inside);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("abc xyz:=-0123456789\n[]").ofMaxLength(300)
                .filter(s -> !s.contains("FINGERPRINTS"));
    }

    static String fingerprint(int seed) {
        byte[] digest = new byte[32];
        new java.util.Random(seed).nextBytes(digest);
        return "SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    // ---- .rdp files ---------------------------------------------------------------------------

    @Property
    void anRdpFileReadsBackAsWrittenAndNoNameAddsASetting(@ForAll("hosts") String host,
            @ForAll @IntRange(min = 1, max = 65535) int port, @ForAll @Size(max = 40) String user) {
        RdpFile rdp;
        try {
            rdp = RdpFile.windowed(host, port, user);
        } catch (IllegalArgumentException refused) {
            // A line break or other control character would start a setting of its own: refused.
            assertThat(user.chars().anyMatch(Character::isISOControl)).as(refused.getMessage()).isTrue();
            return;
        }
        byte[] bytes = rdp.bytes();
        assertThat(bytes).startsWith((byte) 0xFF, (byte) 0xFE);
        Map<String, String> read = new LinkedHashMap<>();
        for (String line : new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE).split("\r\n")) {
            int colon = line.indexOf(':');
            read.put(line.substring(0, colon), line.substring(colon + 1));
        }
        assertThat(read).isEqualTo(rdp.settings());
        assertThat(read.get("username")).isEqualTo("s:" + user);
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-.")
                .ofMinLength(1).ofMaxLength(60);
        Arbitrary<String> v4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> String.join(".", l.stream().map(String::valueOf).toList()));
        Arbitrary<String> v6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
                .map(l -> String.join(":", l.stream().map(Integer::toHexString).toList()));
        return Arbitraries.oneOf(names, v4, v6);
    }

    // ---- key files ----------------------------------------------------------------------------

    @Property(tries = 150)
    void anyFileGivenAsAKeyIsAKeyOrSaidNotToBe(@ForAll @Size(max = 3000) byte[] content) throws IOException {
        Path file = Files.createTempFile("gangway-fuzz-key", ".pem");
        try {
            Files.write(file, content);
            try {
                assertThat(KeyFiles.load(file, KeyFiles.PassphrasePrompt.NONE).getPrivate()).isNotNull();
            } catch (KeyFileException e) {
                assertThat(e.getMessage()).contains(file.toString());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 150)
    void aPemHeaderOverNoiseIsSaidNotToBeAKey(@ForAll @Size(max = 2000) byte[] noise) throws IOException {
        anyFileGivenAsAKeyIsAKeyOrSaidNotToBe(concat("-----BEGIN OPENSSH PRIVATE KEY-----\n".getBytes(
                StandardCharsets.US_ASCII), java.util.Base64.getMimeEncoder().encode(noise),
                "\n-----END OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII)));
    }

    // ---- Session Manager's messages and smux ----------------------------------------------------

    @Property
    void anyFrameFromTheNetworkIsAMessageOrABadFrame(@ForAll @Size(max = 600) byte[] frame) {
        try {
            ClientMessage m = ClientMessage.decode(frame);
            assertThat(m.messageType()).isNotNull();
        } catch (ClientMessage.BadFrame refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Property
    void aMessageReadsBackAsWritten(@ForAll("types") String type, @ForAll long sequence, @ForAll long flags,
            @ForAll @Size(max = 2000) byte[] payload, @ForAll long created) throws Exception {
        ClientMessage m = ClientMessage.of(type, sequence, flags, PayloadType.OUTPUT, payload,
                Math.floorMod(created, 4_102_444_800_000L - 1) + 1,
                UUID.nameUUIDFromBytes(payload));
        ClientMessage back = ClientMessage.decode(m.encode());
        assertThat(back.messageType()).isEqualTo(type);
        assertThat(back.sequenceNumber()).isEqualTo(sequence);
        assertThat(back.flags()).isEqualTo(flags);
        assertThat(back.payload()).isEqualTo(payload);
        assertThat(back.messageId()).isEqualTo(m.messageId());
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of(ClientMessage.INPUT_STREAM_DATA, ClientMessage.OUTPUT_STREAM_DATA,
                ClientMessage.ACKNOWLEDGE, ClientMessage.CHANNEL_CLOSED, ClientMessage.START_PUBLICATION,
                ClientMessage.PAUSE_PUBLICATION);
    }

    @Property
    void smuxFramesCutAnywhereReadBackAsWritten(@ForAll @Size(max = 5) List<@Size(max = 3000) byte[]> datas,
            @ForAll @IntRange(min = 1, max = 997) int cut) throws Exception {
        List<SmuxFrame> sent = new ArrayList<>();
        long stream = 3;
        for (byte[] d : datas) {
            sent.addAll(SmuxFrame.pshAll(stream, d, 0, d.length));
            stream += 2;
        }
        byte[] wire = new byte[0];
        for (SmuxFrame f : sent) {
            wire = concat(wire, f.encode());
        }
        SmuxFrame.Reader reader = new SmuxFrame.Reader();
        List<SmuxFrame> got = new ArrayList<>();
        for (int at = 0; at < wire.length; at += cut) {
            got.addAll(reader.feed(Arrays.copyOfRange(wire, at, Math.min(wire.length, at + cut))));
        }
        assertThat(got).isEqualTo(sent);
    }

    @Property
    void anySmuxBytesAreFramesOrAProtocolError(@ForAll @Size(max = 400) byte[] bytes) {
        try {
            assertThat(new SmuxFrame.Reader().feed(bytes)).allSatisfy(f -> assertThat(f.data().length)
                    .isLessThanOrEqualTo(0xFFFF));
        } catch (SmuxFrame.ProtocolError refused) {
            assertThat(refused.getMessage()).startsWith("smux");
        }
    }

    // ---- the sandbox's Query parser and the settings file ----------------------------------------

    @Property
    void anyFormBodyIsParsedOrRefusedAsAwsDoes(@ForAll @Size(max = 500) String form) {
        try {
            QueryParams p = QueryParams.parse(form);
            assertThat(p.list("InstanceId")).isNotNull();
            assertThat(p.filters()).isNotNull();
        } catch (ApiError refused) {
            assertThat(refused.status).isEqualTo(400);
            assertThat(refused.code).isEqualTo("MalformedQueryString");
        }
    }

    @Property(tries = 100)
    void anySettingsFileLoadsAndAnUnreadableOneIsKeptAside(@ForAll @Size(max = 400) String text) throws IOException {
        Path folder = Files.createTempDirectory("gangway-fuzz-settings");
        try {
            Files.writeString(folder.resolve("settings.json"), text);
            try (SettingsStore store = new SettingsStore(folder)) {
                Settings loaded = store.load();
                assertThat(loaded).isNotNull();
            }
            try (var files = Files.list(folder)) {
                // The user's file is never lost: still there, or kept aside beside it.
                assertThat(files.map(f -> f.getFileName().toString()).toList())
                        .anyMatch(n -> n.startsWith("settings.json"));
            }
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Property(tries = 1)
    void theRefusalOfAControlCharacterInAnRdpUserIsClear() {
        assertThatThrownBy(() -> RdpFile.windowed("win.example", 3389, "Admin\r\nalternate shell:s:cmd.exe"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
    }
}
