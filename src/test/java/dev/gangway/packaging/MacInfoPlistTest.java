package dev.gangway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Gangway.app's Info.plist (packaging/macos/Info.plist), which the build gives jpackage whole: it can
 * only be tried on a Mac, so here it is held to what jpackage makes beside it (the launcher and icon
 * names, the bundle id the pom gives jpackage) and to the pom's version, which the build fills in.
 */
class MacInfoPlistTest {

    private static final Path PLIST = Path.of("packaging/macos/Info.plist");

    /** The plist's top-level dict as key → the text of its value (true/false for booleans). */
    static Map<String, String> read(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element dict = (Element) doc.getDocumentElement().getElementsByTagName("dict").item(0);
        Map<String, String> entries = new LinkedHashMap<>();
        String key = null;
        for (Node n = dict.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            if (e.getTagName().equals("key")) {
                assertThat(key).as("a key without a value before " + e.getTextContent()).isNull();
                key = e.getTextContent();
            } else {
                assertThat(key).as("a value without a key: " + e.getTextContent()).isNotNull();
                String value = switch (e.getTagName()) {
                    case "true", "false" -> e.getTagName();
                    default -> e.getTextContent();
                };
                assertThat(entries.put(key, value)).as("key given twice: " + key).isNull();
                key = null;
            }
        }
        return entries;
    }

    @Test
    void theBundleNamesWhatJpackageMakesAndWhatThePomGivesIt() throws Exception {
        Map<String, String> plist = read(Files.readString(PLIST));
        String pom = Files.readString(Path.of("pom.xml"));
        // jpackage's main launcher and icon take the app's --name.
        assertThat(pom).contains("--type app-image --name Gangway ");
        assertThat(plist).containsEntry("CFBundleExecutable", "Gangway")
                .containsEntry("CFBundleIconFile", "Gangway.icns")
                .containsEntry("CFBundleName", "Gangway")
                .containsEntry("CFBundlePackageType", "APPL");
        assertThat(pom).contains("--mac-package-identifier " + plist.get("CFBundleIdentifier") + " ");
        assertThat(plist.get("CFBundleIdentifier")).isEqualTo("dev.gangway.Gangway");
        // The version the build fills in, as it does for jpackage's --app-version.
        assertThat(plist).containsEntry("CFBundleShortVersionString", "${jpackage.version}")
                .containsEntry("CFBundleVersion", "${jpackage.version}");
        assertThat(plist).containsEntry("NSHighResolutionCapable", "true")
                .containsEntry("NSRequiresAquaSystemAppearance", "false")
                .containsEntry("LSApplicationCategoryType", "public.app-category.developer-tools");
    }
}
