package dev.gangway.rdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The .rdp file, field by field, as Microsoft's RDP file settings spell them. */
class RdpFileTest {

    static Map<String, String> parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int first = line.indexOf(':');
            fields.put(line.substring(0, first), line.substring(first + 1));
        }
        return fields;
    }

    @Test
    void aWindowedSessionWithTheUserAndEveryDefaultSpelledOut() {
        RdpFile rdp = RdpFile.windowed("ec2-198-51-100-25.compute-1.amazonaws.com", 3389, "Administrator");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("full address", "s:ec2-198-51-100-25.compute-1.amazonaws.com");
        expected.put("username", "s:Administrator");
        expected.put("screen mode id", "i:1");
        expected.put("desktopwidth", "i:1600");
        expected.put("desktopheight", "i:900");
        expected.put("session bpp", "i:32");
        expected.put("dynamic resolution", "i:1");
        expected.put("smart sizing", "i:1");
        expected.put("prompt for credentials", "i:0");
        expected.put("authentication level", "i:2");
        expected.put("enablecredsspsupport", "i:1");
        expected.put("autoreconnection enabled", "i:1");
        expected.put("redirectclipboard", "i:1");
        expected.put("audiomode", "i:0");
        expected.put("compression", "i:1");
        expected.put("networkautodetect", "i:1");
        expected.put("bandwidthautodetect", "i:1");
        expected.put("connection type", "i:7");
        assertThat(parse(rdp.text())).containsExactlyEntriesOf(expected);
        assertThat(rdp.text()).endsWith("\r\n").doesNotContain("password");
    }

    @Test
    void anotherPortAndIpv6AddressesAreWrittenAsClientsReadThem() {
        assertThat(parse(RdpFile.windowed("203.0.113.40", 3390, "Administrateur").text()))
                .containsEntry("full address", "s:203.0.113.40:3390").containsEntry("username", "s:Administrateur");
        assertThat(parse(RdpFile.windowed("2001:db8::7", 3389, "Administrator").text()))
                .containsEntry("full address", "s:[2001:db8::7]");
        assertThat(parse(RdpFile.windowed("2001:db8::7", 4000, "Administrator").text()))
                .containsEntry("full address", "s:[2001:db8::7]:4000");
        assertThat(parse(new RdpFile("host", 3389, "u", true, 1600, 900).text())).containsEntry("screen mode id", "i:2");
    }

    @Test
    void writtenAsUtf16WithAByteOrderMarkSoLocalisedUserNamesSurvive() {
        RdpFile rdp = RdpFile.windowed("10.0.0.5", 3389, "Администратор");
        byte[] bytes = rdp.bytes();
        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xFF, 0xFE);
        String decoded = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        assertThat(decoded).isEqualTo(rdp.text());
        assertThat(parse(decoded)).containsEntry("username", "s:Администратор");
    }
}
