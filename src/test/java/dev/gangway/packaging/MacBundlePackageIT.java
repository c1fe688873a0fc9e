package dev.gangway.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * After {@code -Pjpackage}, on any OS: the Info.plist the build hands jpackage for Gangway.app
 * (target/jpackage/macos) has the pom's version filled in and the source's text intact (MacInfoPlistTest
 * checks the source itself).
 */
class MacBundlePackageIT {

    @Test
    void theInfoPlistHandedToJpackageCarriesThePomsVersion() throws Exception {
        Path made = Path.of("target/jpackage/macos/Info.plist");
        assumeTrue(Files.isDirectory(Path.of("target/jpackage")), "built with -Pjpackage");
        String version = VersionTest.pomVersion().replace("-SNAPSHOT", "");
        Map<String, String> plist = MacInfoPlistTest.read(Files.readString(made));
        Map<String, String> source = MacInfoPlistTest.read(Files.readString(Path.of("packaging/macos/Info.plist")));
        assertThat(plist).containsEntry("CFBundleShortVersionString", version).containsEntry("CFBundleVersion", version)
                .containsEntry("NSHumanReadableCopyright", source.get("NSHumanReadableCopyright"))
                .hasSameSizeAs(source);
    }
}
