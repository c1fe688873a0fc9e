package dev.gangway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.protocols.query.unmarshall.XmlDomParser;
import software.amazon.awssdk.protocols.query.unmarshall.XmlElement;

/** The XML parser every EC2 answer goes through: the one Gangway ships, and as safe as the SDK asks. */
class XmlParserTest {

    @Test
    void theAppParsesWithWoodstoxAndAnExplicitChoiceStillWins() {
        String before = System.getProperty(Main.XML_INPUT_FACTORY);
        try {
            System.clearProperty(Main.XML_INPUT_FACTORY);
            Main.chooseXmlParser();
            assertThat(XMLInputFactory.newInstance().getClass().getName()).isEqualTo("com.ctc.wstx.stax.WstxInputFactory");

            System.setProperty(Main.XML_INPUT_FACTORY, "com.sun.xml.internal.stream.XMLInputFactoryImpl");
            Main.chooseXmlParser();
            assertThat(XMLInputFactory.newInstance().getClass().getName())
                    .isEqualTo("com.sun.xml.internal.stream.XMLInputFactoryImpl");
        } finally {
            if (before == null) {
                System.clearProperty(Main.XML_INPUT_FACTORY);
            } else {
                System.setProperty(Main.XML_INPUT_FACTORY, before);
            }
        }
    }

    @Test
    void anAnswerCannotMakeTheParserReadALocalFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "AKIA-LOCAL-SECRET");
        String answer = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>&x;</requestId></DescribeRegionsResponse>";

        String seen;
        try {
            seen = XmlDomParser.parse(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)))
                    .getElementByName("requestId").textContent();
        } catch (RuntimeException refused) {
            // Woodstox refuses the entity, since the SDK turns DTDs off.
            seen = String.valueOf(refused.getMessage());
        }
        assertThat(seen).doesNotContain("AKIA-LOCAL-SECRET");
    }

    @Test
    void anOrdinaryAnswerParses() {
        String answer = "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>r-1</requestId><regionInfo><item><regionName>eu-west-3</regionName></item>"
                + "<item><regionName>sa-east-1</regionName></item></regionInfo></DescribeRegionsResponse>";
        XmlElement root = XmlDomParser.parse(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
        assertThat(root.getElementByName("regionInfo").getElementsByName("item"))
                .extracting(i -> i.getElementByName("regionName").textContent())
                .containsExactly("eu-west-3", "sa-east-1");
    }
}
