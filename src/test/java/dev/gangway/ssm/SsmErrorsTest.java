package dev.gangway.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ssm.model.SsmException;

import dev.gangway.instance.Instance;
import dev.gangway.testsupport.InstanceBuilder;

/** Session Manager's refusals, each named with its fix (the codes AWS answers StartSession with). */
class SsmErrorsTest {

    final Instance db = InstanceBuilder.instance(b -> {
        b.id = "i-0db";
        b.name = "db";
    });

    static SsmException refusal(String code) {
        return (SsmException) SsmException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
    }

    @Test
    void eachRefusalSaysWhatToFix() {
        assertThat(SsmShellOpener.explain(db, refusal("TargetNotConnected")))
                .contains("db (i-0db)").contains("agent").contains("AmazonSSMManagedInstanceCore")
                .contains("ssmmessages");
        assertThat(SsmShellOpener.explain(db, refusal("AccessDeniedException")))
                .contains("ssm:StartSession").contains("SSM-SessionManagerRunShell");
        assertThat(SsmShellOpener.explain(db, refusal("InvalidDocument")))
                .contains("InvalidDocument").contains("may not use it");
        assertThat(SsmShellOpener.explain(db, refusal("DoesNotExistException")))
                .contains("timed out or was terminated").contains("Open a new one");
        assertThat(SsmShellOpener.explain(db, refusal("ExpiredTokenException")))
                .contains("profile 'p'");
    }
}
