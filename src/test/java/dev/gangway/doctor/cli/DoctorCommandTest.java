package dev.gangway.doctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gangway.testsupport.CliRunner;

/** {@code gangway doctor INSTANCE [--json]}: every way in, in words or as JSON, and an exit status scripts can use. */
class DoctorCommandTest {

    @TempDir
    Path home;
    final AtomicReference<DoctorCommand> command = new AtomicReference<>();
    final CliRunner<DoctorCommand> cli = new CliRunner<>("doctor", DoctorCommand.class, command::set);

    @BeforeEach
    void isolate() {
        System.setProperty("gangway.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("gangway.home");
    }

    @Test
    void aPrivateInstanceIsToldItsBestWayAndWhyTheOthersFail() {
        assertThat(cli.run("db-debian")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("db-debian (i-")
                .contains("Best way in: SSH through an Instance Connect Endpoint.")
                .contains("SSH to its address: does not work")
                .contains("[no] A public address: db-debian has no public IPv4 or IPv6 address")
                .contains("      Fix: Use an Instance Connect Endpoint or Session Manager")
                .contains("Session Manager: works");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void jsonNamesTheBestWayAndEachCheck() throws Exception {
        assertThat(cli.run("db-debian", "--json")).isZero();
        JsonNode report = new ObjectMapper().readTree(cli.out());
        assertThat(report.path("best").asText()).isEqualTo("eice");
        assertThat(report.path("ways").get(0).path("way").asText()).isEqualTo("direct");
        assertThat(report.path("ways").get(0).path("verdict").asText()).isEqualTo("fails");
        assertThat(report.path("ways").get(0).path("checks").findValuesAsText("check")).contains("running", "address",
                "security-group", "tcp");
    }

    @Test
    void noWayInIsExitStatusOne() {
        assertThat(cli.run("rhel-batch")).isEqualTo(1);
        assertThat(cli.out()).contains("No way in works yet: the fixes are below.").contains("Fix: Start it");
        assertThat(cli.run("no-such-instance")).isEqualTo(1);
    }
}
