package dev.gangway.inventory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import dev.gangway.app.GangwayCommand;

/** {@code gangway list} as a script would use it: parsed JSON, exit codes, messages on stderr. */
class ListCommandTest {

    @TempDir
    Path home;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final List<Boolean> guiLaunches = new ArrayList<>();

    @BeforeEach
    void isolate() {
        System.setProperty("gangway.home", home.toString());
    }

    /** The next test class must not inherit this one's (deleted) home folder. */
    @AfterEach
    void restore() {
        System.clearProperty("gangway.home");
    }

    int run(String... args) {
        // As Main does: only the subcommand named first is modelled.
        CommandLine cl = GangwayCommand.commandLine(options -> {
            guiLaunches.add(options.sandbox());
            return 0;
        }, args.length > 0 ? args[0] : null);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpNamesEveryCommandWhicheverWayItIsAsked() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("list", "sandbox", "help");
        out.getBuffer().setLength(0);
        assertThat(run("help", "list")).isZero();
        assertThat(out.toString()).contains("Usage: gangway list", "--all-regions");
        out.getBuffer().setLength(0);
        assertThat(run("list", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: gangway list");
        assertThat(run("lst")).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean: gangway list?");
        err.getBuffer().setLength(0);
        assertThat(run("stp")).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean: gangway stop?");
    }

    /** Launch times are the user's local time, with the zone named (issue 27: UTC, unlabelled). */
    @Test
    void launchTimesAreLocalWithTheirZone() {
        java.util.TimeZone before = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Paris"));
            assertThat(run("list", "--sandbox", "--all-regions")).as(err::toString).isZero();
            // web-1 was launched 2026-03-02 08:15 UTC: 09:15 in Paris that day (winter time).
            assertThat(out.toString().lines().filter(l -> l.startsWith("web-1 ")).findFirst().orElseThrow())
                    .contains("2026-03-02 09:15 CET");
        } finally {
            java.util.TimeZone.setDefault(before);
        }
    }

    /** Instances nobody gave a Name tag: JSON says so with an empty name, the table shows "-" and the id. */
    @Test
    void untaggedInstancesAreListedByTheirIds() throws Exception {
        assertThat(run("list", "--sandbox", "--region", "ap-southeast-2", "--json")).as(err.toString()).isZero();
        List<String> untagged = new ArrayList<>();
        for (JsonNode i : new ObjectMapper().readTree(out.toString()).get("instances")) {
            if (i.get("name").asText().isEmpty()) {
                untagged.add(i.get("id").asText());
            }
        }
        assertThat(untagged).hasSize(2);
        out.getBuffer().setLength(0);
        assertThat(run("list", "--sandbox", "--region", "ap-southeast-2")).isZero();
        for (String id : untagged) {
            assertThat(out.toString().lines().filter(l -> l.contains(id)))
                    .singleElement().satisfies(l -> assertThat(l).startsWith("- "));
        }
    }

    @Test
    void jsonListsEveryEnabledRegionWithRulesAndIsParseable() throws Exception {
        int code = run("list", "--sandbox", "--all-regions", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("failures")).isEmpty();
        JsonNode instances = doc.get("instances");
        assertThat(instances).hasSize(15);
        JsonNode web = find(instances, "web-1");
        assertThat(web.get("state").asText()).isEqualTo("running");
        assertThat(web.get("platform").asText()).isEqualTo("Linux");
        assertThat(web.get("region").asText()).isEqualTo("us-east-1");
        // The same world as `gangway sandbox` and the window: web-1's SSH server, on the port its tag
        // names (issue 27: 22 here, the real port there).
        assertThat(web.get("sshPort").asInt()).isNotEqualTo(22)
                .isEqualTo(web.get("tags").get("gangway:ssh-port").asInt());
        assertThat(web.get("launchTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(web.get("securityGroups").get(0).get("inboundRules").get(0).get("source").asText()).isEqualTo("0.0.0.0/0");
        JsonNode paris = find(instances, "win-paris");
        assertThat(paris.get("platform").asText()).isEqualTo("Windows");
        assertThat(paris.get("imageName").asText()).contains("French");
        assertThat(find(instances, "ipv6-only").get("ipv6Addresses").get(0).asText()).isEqualTo("::1");
        assertThat(web.get("managedNode").asBoolean()).isFalse();
        assertThat(web.get("sessionManager").get("pingStatus").asText()).isEqualTo("Online");
        assertThat(web.get("sessionManager").get("online").asBoolean()).isTrue();
        assertThat(web.get("sessionManager").get("agentVersion").asText()).isNotBlank();
        assertThat(find(instances, "rhel-batch").get("sessionManager").get("pingStatus").asText())
                .isEqualTo("Connection lost");
        assertThat(find(instances, "ipv6-only").get("sessionManager").isNull()).isTrue();
        JsonNode node = find(instances, "on-prem-build");
        assertThat(node.get("id").asText()).startsWith("mi-");
        assertThat(node.get("managedNode").asBoolean()).isTrue();
        assertThat(node.get("sessionManager").get("online").asBoolean()).isTrue();
        assertThat(guiLaunches).isEmpty();
    }

    @Test
    void filterAndRegionNarrowTheTable() {
        int code = run("list", "--sandbox", "--region", "eu-west-3", "--filter", "win");
        assertThat(code).isZero();
        String table = out.toString();
        assertThat(table).startsWith("NAME").contains("win-paris").doesNotContain("ipv6-only").doesNotContain("web-1");
        assertThat(table.strip()).endsWith("1 instance");
    }

    @Test
    void defaultRegionIsTheProfilesOwn() {
        assertThat(run("list", "--sandbox")).isZero();
        assertThat(out.toString()).contains("web-1").doesNotContain("win-paris").contains("8 instances");
    }

    @Test
    void badArgumentsGiveAClearMessageAndExitCode2() {
        assertThat(run("list", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'").contains("See 'gangway list --help'.").doesNotContain("Usage:");
        err.getBuffer().setLength(0);
        assertThat(run("list", "--sandbox", "--all-regions", "--region", "us-east-1")).isEqualTo(2);
        assertThat(err.toString()).contains("Use either --region or --all-regions, not both.");
        err.getBuffer().setLength(0);
        assertThat(run("list", "--sandbox", "--profile", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown profile 'nope'. Known profiles: sandbox.");
    }

    @Test
    void noSubcommandOpensTheWindow() {
        assertThat(run("--sandbox")).isZero();
        assertThat(guiLaunches).containsExactly(true);
        assertThat(run()).isZero();
        assertThat(guiLaunches).containsExactly(true, false);
    }

    private static JsonNode find(JsonNode instances, String name) {
        for (JsonNode n : instances) {
            if (name.equals(n.get("name").asText())) {
                return n;
            }
        }
        throw new AssertionError("no instance named " + name);
    }
}
