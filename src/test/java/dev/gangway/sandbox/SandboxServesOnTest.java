package dev.gangway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.gangway.aws.CloudAccess;

/**
 * Requests no SDK sends, correctly signed so that only their content is wrong: an oversized body,
 * JSON that is not JSON or not the shape an API takes. Each is refused with AWS's own kind of
 * answer (a 4xx, never a 500 or a dropped connection), and the sandbox goes on serving the next.
 */
class SandboxServesOnTest extends ApiSandboxTest {

    private static final String JSON_TYPE = "application/x-amz-json-1.1";

    @Test
    void anOversizedBodyIsRefusedBeforeItIsReadAndTheNextRequestIsServed() throws Exception {
        byte[] huge = new byte[3 << 20];
        Arrays.fill(huge, (byte) 'a');
        System.arraycopy("Action=DescribeRegions&Version=2016-11-15&X=".getBytes(StandardCharsets.US_ASCII), 0,
                huge, 0, 44);
        assertThat(SignedRequests.post(sandbox, "ec2", "application/x-www-form-urlencoded", null, huge, Instant.now()))
                .startsWith("HTTP/1.1 413");
        assertThat(describeRegions()).startsWith("HTTP/1.1 200").contains("us-east-1");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"Target\":", "not json at all", "\u0000\u0001\u0002", "{\"Target\":\"i-1\"}}"})
    void jsonThatIsNotJsonIsASerializationException(String body) throws Exception {
        assertThat(ssm("AmazonSSM.StartSession", body)).startsWith("HTTP/1.1 400")
                .contains("SerializationException");
        assertThat(describeRegions()).startsWith("HTTP/1.1 200");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"[1,2,3]", "\"i-1\"", "{\"Target\":5}", "{\"Target\":{\"a\":[]}}", "{\"Target\":null}",
            "{\"Target\":\"\u00e9\u4e2d\"}", "{}"})
    void jsonOfTheWrongShapeIsRefusedWithA4xx(String body) throws Exception {
        String answer = ssm("AmazonSSM.StartSession", body);
        assertThat(answer).matches("(?s)HTTP/1.1 4\\d\\d .*").doesNotContain("InternalError");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n"))).contains("__type").doesNotContain("Exception:")
                .doesNotContain("at dev.gangway");
        assertThat(describeRegions()).startsWith("HTTP/1.1 200");
    }

    @Test
    void anUnknownJsonOperationIsRefusedAndTheSdkIsServedAfterIt() throws Exception {
        assertThat(ssm("AmazonSSM.NoSuchThing", "{}")).startsWith("HTTP/1.1 400").contains("UnknownOperation");
        try (CloudAccess access = sandbox.cloudAccess()) {
            assertThat(access.ssm(SandboxCloud.PROFILE, "us-east-1").describeInstanceInformation().instanceInformationList())
                    .isNotEmpty();
        }
    }

    private static String ssm(String target, String body) throws Exception {
        return SignedRequests.post(sandbox, "ssm", JSON_TYPE, target, body.getBytes(StandardCharsets.UTF_8),
                Instant.now());
    }

    private static String describeRegions() throws Exception {
        return SignedRequests.post(sandbox, "ec2", "application/x-www-form-urlencoded", null,
                "Action=DescribeRegions&Version=2016-11-15".getBytes(StandardCharsets.US_ASCII), Instant.now());
    }
}
