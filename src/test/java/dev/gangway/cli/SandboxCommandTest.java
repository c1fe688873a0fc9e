package dev.gangway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

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
                "--no-ssh", "--regions", "2", "--instances-per-region", "5", "--fault", "us-east-2=throttling"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> out.toString().contains("Press Ctrl+C to stop."));
        Matcher m = Pattern.compile("export AWS_ENDPOINT_URL_EC2=(\\S+)").matcher(out.toString());
        assertThat(m.find()).isTrue();
        assertThat(out.toString()).contains("export AWS_ACCESS_KEY_ID=AKIAGANGWAYSANDBOX00")
                .contains("22 instances").contains(data.resolve("gangway-sandbox.pem").toString());
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(URI.create(m.group(1))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIAGANGWAYSANDBOX00", "gangway-sandbox-not-a-secret"))).build()) {
            assertThat(ec2.describeInstances().reservations()).hasSize(12);
        }
        try (Ec2Client ohio = Ec2Client.builder().endpointOverride(URI.create(m.group(1))).region(Region.US_EAST_2)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIAGANGWAYSANDBOX00", "gangway-sandbox-not-a-secret"))).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(ohio::describeInstances)
                    .isInstanceOf(Ec2Exception.class)
                    .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode())
                            .isEqualTo("RequestLimitExceeded"));
        }
        command.stop.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void badKnobsAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine cl = GangwayCommand.commandLine(s -> 0);
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("sandbox", "--data", data.toString(), "--latency", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("Cannot read --latency 'soon'");
        assertThat(cl.execute("sandbox", "--data", data.toString(), "--fault", "us-east-1=gremlins")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown fault 'gremlins'");
    }
}
