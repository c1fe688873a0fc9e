package dev.gangway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;

import dev.gangway.aws.CloudAccess;
import dev.gangway.sandbox.world.Permissions;

/**
 * The sandbox's STS and IAM, as the connection doctor and AWS's own CLI ask them: who the caller
 * is, and what IAM's policy simulation says of an action, which is what the simulated API then does.
 */
class SandboxIamTest {

    @TempDir
    static Path dir;
    static SandboxCloud sandbox;
    static CloudAccess access;

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxCloud.start(SandboxOptions.defaults(dir.resolve("sandbox")));
        access = sandbox.cloudAccess();
    }

    @AfterAll
    static void stop() {
        access.close();
        sandbox.close();
    }

    @Test
    void theSdkLearnsWhoItIsAndWhatItMayDo() {
        String profile = access.defaultProfile();
        assertThat(access.sts(profile, "us-east-1").getCallerIdentity().arn()).isEqualTo(Permissions.CALLER);
        String instance = "arn:aws:ec2:us-east-1:" + Permissions.ACCOUNT + ":instance/i-0123456789abcdef0";
        assertThat(simulate(profile, instance)).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        sandbox.world().permissions().deny("ssm:StartSession", instance, true);
        try {
            assertThat(simulate(profile, instance)).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        } finally {
            sandbox.world().permissions().deny("ssm:StartSession", instance, false);
        }
        sandbox.world().permissions().deny("iam:SimulatePrincipalPolicy", Permissions.CALLER, true);
        try {
            assertThatThrownBy(() -> simulate(profile, instance)).isInstanceOf(IamException.class)
                    .hasMessageContaining("not authorized to perform: iam:SimulatePrincipalPolicy")
                    .satisfies(e -> assertThat(((IamException) e).awsErrorDetails().errorCode())
                            .isEqualTo("AccessDenied"));
        } finally {
            sandbox.world().permissions().deny("iam:SimulatePrincipalPolicy", Permissions.CALLER, false);
        }
    }

    private static PolicyEvaluationDecisionType simulate(String profile, String resource) {
        return access.iam(profile, "us-east-1").simulatePrincipalPolicy(r -> r.policySourceArn(Permissions.CALLER)
                .actionNames("ssm:StartSession").resourceArns(resource)).evaluationResults().get(0).evalDecision();
    }

    @Test
    void theAwsCliAsksTheSameQuestions() throws Exception {
        assumeTrue(SandboxAdmitsOnlyItsStarterTest.onPath("aws"), "the AWS CLI is not installed here");
        Path profile = sandbox.writeProfile();
        SandboxAdmitsOnlyItsStarterTest.Result who = aws(profile, "sts", "get-caller-identity", "--query", "Arn",
                "--output", "text");
        assertThat(who.code()).as(who.err()).isZero();
        assertThat(who.out().strip()).isEqualTo(Permissions.CALLER);
        SandboxAdmitsOnlyItsStarterTest.Result may = aws(profile, "iam", "simulate-principal-policy",
                "--policy-source-arn", Permissions.CALLER, "--action-names", "ec2-instance-connect:SendSSHPublicKey",
                "--resource-arns", "arn:aws:ec2:us-east-1:" + Permissions.ACCOUNT + ":instance/i-1", "--query",
                "EvaluationResults[].EvalDecision", "--output", "text");
        assertThat(may.code()).as(may.err()).isZero();
        assertThat(may.out().strip()).isEqualTo("allowed");
        sandbox.world().permissions().denyInstanceConnect(true);
        try {
            SandboxAdmitsOnlyItsStarterTest.Result not = aws(profile, "iam", "simulate-principal-policy",
                    "--policy-source-arn", Permissions.CALLER, "--action-names",
                    "ec2-instance-connect:SendSSHPublicKey", "--query", "EvaluationResults[].EvalDecision",
                    "--output", "text");
            assertThat(not.out().strip()).isEqualTo("implicitDeny");
        } finally {
            sandbox.world().permissions().denyInstanceConnect(false);
        }
    }

    private static SandboxAdmitsOnlyItsStarterTest.Result aws(Path profile, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "aws";
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(Map.of("AWS_CONFIG_FILE", profile.toString(), "AWS_PROFILE", SandboxCloud.PROFILE,
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        return SandboxAdmitsOnlyItsStarterTest.run(pb);
    }
}
