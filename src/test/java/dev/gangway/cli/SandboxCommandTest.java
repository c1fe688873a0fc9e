package dev.gangway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import dev.gangway.app.GangwayCommand;

/** {@code gangway sandbox}: the printed environment really points another client at it. */
class SandboxCommandTest {

    @TempDir
    Path data;

    @Test
    void printsAnEndpointAndEnvironmentThatAnotherClientCanUse() throws Exception {
        SandboxCommand command = new SandboxCommand();
        CommandLine cl = new CommandLine(command);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("--data", data.toString(),
                "--no-ssh", "--regions", "2", "--instances-per-region", "5", "--fault", "us-east-2=throttling",
                "--write-profile"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> out.toString().contains("Press Ctrl+C to stop."));
        Map<String, String> exported = exports(out.toString());
        // Every service at the sandbox (Instance Connect included), and the region as the CLI v1 reads it too.
        assertThat(exported).containsKeys("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_REGION", "AWS_DEFAULT_REGION").doesNotContainKey("AWS_ENDPOINT_URL_EC2");
        assertThat(exported.get("AWS_ACCESS_KEY_ID")).matches("AKIA[A-Z2-7]{16}");
        assertThat(exported.get("AWS_DEFAULT_REGION")).isEqualTo("us-east-1");
        assertThat(out.toString()).doesNotContain("AKIAGANGWAYSANDBOX00")
                .contains("24 instances").contains(data.resolve("gangway-sandbox.pem").toString());
        URI endpoint = URI.create(exported.get("AWS_ENDPOINT_URL"));
        StaticCredentialsProvider printed = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                exported.get("AWS_ACCESS_KEY_ID"), exported.get("AWS_SECRET_ACCESS_KEY")));
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(printed).build()) {
            assertThat(ec2.describeInstances().reservations()).hasSize(12);
        }
        try (Ec2Client ohio = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_2)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .credentialsProvider(printed).build()) {
            Assertions.assertThatThrownBy(ohio::describeInstances)
                    .isInstanceOf(Ec2Exception.class)
                    .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode())
                            .isEqualTo("RequestLimitExceeded"));
        }
        // --write-profile: the same key as a profile of a private AWS config file, gone when the sandbox stops.
        Matcher file = Pattern.compile("export AWS_CONFIG_FILE=(\\S+) AWS_PROFILE=sandbox").matcher(out.toString());
        assertThat(file.find()).as(out.toString()).isTrue();
        Path profile = Path.of(file.group(1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rw-------");
        assertThat(Files.readString(profile)).contains("[profile sandbox]")
                .contains("aws_secret_access_key = " + exported.get("AWS_SECRET_ACCESS_KEY"))
                .contains("endpoint_url = " + endpoint);
        command.stop.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(profile).doesNotExist();
    }

    @Test
    void aProfilePathWithASpaceIsOneShellWord() {
        assertThat(dev.gangway.common.ShellWords.quote("/home/a/.local/share/gangway/sandbox/aws-config"))
                .isEqualTo("/home/a/.local/share/gangway/sandbox/aws-config");
        assertThat(dev.gangway.common.ShellWords.quote("/Users/a/Library/Application Support/Gangway/sandbox/aws-config"))
                .isEqualTo("'/Users/a/Library/Application Support/Gangway/sandbox/aws-config'");
        assertThat(dev.gangway.common.ShellWords.quote("/Users/o'brien/x")).isEqualTo("'/Users/o'\\''brien/x'");
    }

    private static Map<String, String> exports(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^export (AWS_[A-Z_]+)=(\\S+)$", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            vars.put(m.group(1), m.group(2));
        }
        return vars;
    }

    @Test
    void badKnobsAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine cl = GangwayCommand.commandLine(options -> 0);
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("sandbox", "--data", data.toString(), "--latency", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--latency").contains("'soon' is not a duration: give a number and its unit");
        assertThat(cl.execute("sandbox", "--data", data.toString(), "--fault", "us-east-1=gremlins")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown fault 'gremlins'");
    }

    /**
     * It prints an OpenSSH command line for each running Linux instance, and the line works as
     * printed (issue 27: README's example needed -p SSH_PORT, which it never printed).
     */
    @Test
    void printsAnSshLineThatOpenSshCanUse() throws Exception {
        SandboxCommand command = new SandboxCommand();
        CommandLine cl = new CommandLine(command);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("--data", data.toString()));
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> out.toString().contains("Press Ctrl+C to stop."));
            Matcher line = Pattern.compile("(?m)^  (ssh -i (\\S+) -p (\\d+) (\\S+)@127\\.0\\.0\\.1)   # web-1$")
                    .matcher(out.toString());
            assertThat(line.find()).as(out.toString()).isTrue();
            assertThat(line.group(4)).isEqualTo("ec2-user");
            assertThat(out.toString()).doesNotContain("# win-app").doesNotContain("# rhel-batch");
            Path knownHosts = data.resolve("test-known-hosts");
            java.util.List<String> ssh = new java.util.ArrayList<>(java.util.List.of(line.group(1).split(" ")));
            // The host key is new to this test's known_hosts: taken as OpenSSH's accept-new takes it.
            ssh.addAll(1, java.util.List.of("-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "IdentitiesOnly=yes"));
            ssh.add("echo sandbox-ssh-ok");
            Process p = new ProcessBuilder(ssh).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(said).isZero();
            assertThat(said).contains("sandbox-ssh-ok");
        } finally {
            command.stop.countDown();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    /**
     * Each bad argument of `gangway sandbox` is a bad argument (2) said with what to do, and what the
     * sandbox cannot use (a folder, a busy port) is named (issue 27).
     */
    @Test
    void badArgumentsAndUnusableFoldersOrPortsAreSaidWithWhatToDo() throws Exception {
        assertThat(sandbox("--port", "99999")).isEqualTo(2);
        assertThat(lastErr).contains("'99999' is not a port").contains("See 'gangway sandbox --help'.")
                .doesNotContain("-P"); // no profile here to hint at
        assertThat(sandbox("--regions", "-1")).isEqualTo(2);
        assertThat(lastErr).contains("--regions takes a count: 0 or more.");
        assertThat(sandbox("--latency", "100")).isEqualTo(2);
        assertThat(lastErr).contains("'100' is not a duration: give a number and its unit, e.g. 100ms");
        assertThat(sandbox("--fault", "eu-west-3")).isEqualTo(2);
        assertThat(lastErr).contains("--fault takes REGION=KIND, e.g. eu-west-3=throttling").doesNotContain("option option");
        assertThat(sandbox("--data", "/proc/nonexistent/x")).isEqualTo(1);
        assertThat(lastErr).contains("cannot use the sandbox's data folder /proc/nonexistent/x")
                .contains("give --data a folder you can write to").doesNotContain("unexpected");
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(sandbox("--port", String.valueOf(busy.getLocalPort()), "--no-ssh", "--data", data.toString()))
                    .isEqualTo(1);
            assertThat(lastErr).contains("port " + busy.getLocalPort() + " on 127.0.0.1 is in use")
                    .contains("give another --port").doesNotContain("unexpected");
        }
    }

    private String lastErr;

    private int sandbox(String... args) {
        CommandLine cl = GangwayCommand.commandLine(options -> 0, "sandbox");
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "sandbox";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = cl.execute(all);
        lastErr = err.toString();
        return status;
    }
}
