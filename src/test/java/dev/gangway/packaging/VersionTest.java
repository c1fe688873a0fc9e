package dev.gangway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** One version: the pom's, which the packages take (without -SNAPSHOT), and CHANGELOG's top section. */
class VersionTest {

    /** The project's own version in pom.xml. */
    static String pomVersion() throws IOException {
        Matcher pom = Pattern.compile("<artifactId>gangway</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).as("the project's own version in pom.xml").isTrue();
        return pom.group(1);
    }

    @Test
    void theChangelogsTopSectionIsThePomsVersion() throws Exception {
        String version = pomVersion();
        Matcher top = Pattern.compile("(?m)^## \\[([^]]+)]").matcher(Files.readString(Path.of("CHANGELOG.md")));
        assertThat(top.find()).as("a version section in CHANGELOG.md").isTrue();
        String section = top.group(1);
        if (version.endsWith("-SNAPSHOT")) {
            // Work towards the next release: its notes collect under Unreleased (or already under its number).
            assertThat(section).isIn("Unreleased", version.replace("-SNAPSHOT", ""));
        } else {
            assertThat(section).as("a release's notes head CHANGELOG.md").isEqualTo(version);
        }
    }
}
