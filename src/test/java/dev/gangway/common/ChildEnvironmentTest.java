package dev.gangway.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a program Gangway starts may see of its environment: a desktop's basics, no secrets. */
class ChildEnvironmentTest {

    @Test
    void onlyTheDesktopsBasicsArePassedOnNeverAKeyOrAToken() {
        Map<String, String> parent = Map.ofEntries(
                Map.entry("PATH", "/usr/bin"), Map.entry("HOME", "/home/me"), Map.entry("DISPLAY", ":0"),
                Map.entry("XAUTHORITY", "/run/user/1000/xauth"), Map.entry("LC_ALL", "C.UTF-8"),
                Map.entry("SystemRoot", "C:\\Windows"), Map.entry("WAYLAND_DISPLAY", "wayland-0"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG"), Map.entry("AWS_SESSION_TOKEN", "FwoG"),
                Map.entry("AWS_PROFILE", "prod"), Map.entry("GITHUB_TOKEN", "ghp_x"), Map.entry("DB_PASSWORD", "p"),
                Map.entry("SSH_AUTH_SOCK", "/tmp/agent"), Map.entry("JAVA_TOOL_OPTIONS", "-javaagent:x.jar"),
                Map.entry("LD_PRELOAD", "/tmp/evil.so"));
        assertThat(ChildEnvironment.of(parent)).containsOnlyKeys("PATH", "HOME", "DISPLAY", "XAUTHORITY", "LC_ALL",
                "SystemRoot", "WAYLAND_DISPLAY");
    }

    @Test
    void theTestsOwnStandInSecretIsNotPassedOn() {
        // Surefire sets it for this JVM (pom.xml): a real parent environment with a secret in it.
        assumeTrue(System.getenv("GANGWAY_TEST_CANARY") != null, "run by surefire, which sets the canary");
        assertThat(ChildEnvironment.current()).doesNotContainKey("GANGWAY_TEST_CANARY").containsKey("PATH");
    }
}
