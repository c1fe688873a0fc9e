package dev.gangway.aws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;

import dev.gangway.aws.AwsErrors.Call;
import dev.gangway.instance.Instance;

/** The EC2 calls about one instance besides the inventory: console output, key pair, password data, start, stop, reboot. */
public final class Ec2Calls {

    private final CloudAccess access;

    public Ec2Calls(CloudAccess access) {
        this.access = access;
    }

    /** The instance's console output (GetConsoleOutput, latest), decoded; empty when EC2 has none yet. */
    public String consoleOutput(Instance instance) throws CloudException {
        try {
            String encoded = access.ec2(instance.profile(), instance.region())
                    .getConsoleOutput(r -> r.instanceId(instance.id()).latest(true)).output();
            return encoded == null ? "" : new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (SdkException e) {
            // Some accounts and older instance types do not offer the latest output: ask for the last boot's.
            try {
                String encoded = access.ec2(instance.profile(), instance.region())
                        .getConsoleOutput(r -> r.instanceId(instance.id())).output();
                return encoded == null ? "" : new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (SdkException again) {
                throw new CloudException(AwsErrors.describe(again, instance.profile(), instance.region(),
                        Call.ec2("read the console output of " + instance.label(), "GetConsoleOutput")), again);
            }
        }
    }

    /**
     * The instance's Windows password as EC2 keeps it (GetPasswordData): encrypted with the key
     * pair's public key, base64. Empty until Windows has made it, a few minutes after launch.
     */
    public Optional<String> passwordData(Instance instance) throws CloudException {
        try {
            String data = access.ec2(instance.profile(), instance.region())
                    .getPasswordData(r -> r.instanceId(instance.id())).passwordData();
            return data == null || data.isBlank() ? Optional.empty() : Optional.of(data.strip());
        } catch (SdkException e) {
            throw new CloudException(AwsErrors.describe(e, instance.profile(), instance.region(),
                    Call.ec2("read the Windows password of " + instance.label(), "GetPasswordData")), e);
        }
    }

    /** Starts a stopped instance (StartInstances); it is billed from then on. */
    public void start(Instance instance) throws CloudException {
        try {
            access.ec2(instance.profile(), instance.region()).startInstances(r -> r.instanceIds(instance.id()));
        } catch (SdkException e) {
            throw new CloudException(AwsErrors.describe(e, instance.profile(), instance.region(),
                    Call.ec2("start " + instance.label(), "StartInstances")), e);
        }
    }

    /**
     * Waits until {@code instance} runs, asking EC2 every {@code poll} (the SDK's instance-running
     * waiter), for at most {@code max}.
     *
     * @throws CloudException when it will not run (terminated, say) or did not within {@code max}
     */
    public void awaitRunning(Instance instance, Duration poll, Duration max) throws CloudException {
        try (Ec2Waiter waiter = Ec2Waiter.builder().client(access.ec2(instance.profile(), instance.region())).build()) {
            waiter.waitUntilInstanceRunning(r -> r.instanceIds(instance.id()), o -> o.waitTimeout(max)
                    .maxAttempts(Integer.MAX_VALUE).backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(poll)));
        } catch (SdkException e) {
            throw new CloudException(instance.label() + " did not reach the running state: " + waitFailure(e, instance,
                    max, "it went on to a state it does not run from (stopping, shutting down or terminated)"), e);
        }
    }

    /**
     * Why an SDK waiter gave up, in words: AWS's error (the waiter wraps one it has no rule for), the
     * state it failed on, or the time it waited.
     */
    private static String waitFailure(SdkException e, Instance instance, Duration max, String failureState) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException) {
                return AwsErrors.describe(t, instance.profile(), instance.region());
            }
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("failure state")) {
            return failureState + ".";
        }
        if (m.contains("max wait time") || m.contains("max retry attempts")) {
            return "not within " + max.toMinutes() + " min.";
        }
        return AwsErrors.describe(e, instance.profile(), instance.region());
    }

    /**
     * Waits until Windows on {@code instance} has made its Administrator password (the SDK's
     * password-data waiter), asking every {@code poll}, for at most {@code max}.
     */
    public void awaitPasswordData(Instance instance, Duration poll, Duration max) throws CloudException {
        try (Ec2Waiter waiter = Ec2Waiter.builder().client(access.ec2(instance.profile(), instance.region())).build()) {
            waiter.waitUntilPasswordDataAvailable(r -> r.instanceId(instance.id()), o -> o.waitTimeout(max)
                    .maxAttempts(Integer.MAX_VALUE).backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(poll)));
        } catch (SdkException e) {
            throw new CloudException("Windows on " + instance.label() + " has not made its password: " + waitFailure(e,
                    instance, max, "EC2 gave up on it") + " Try again in a few minutes.", e);
        }
    }

    /** Stops a running instance (StopInstances): its sessions end, its public IPv4 may change at the next start. */
    public void stop(Instance instance) throws CloudException {
        try {
            access.ec2(instance.profile(), instance.region()).stopInstances(r -> r.instanceIds(instance.id()));
        } catch (SdkException e) {
            throw new CloudException(AwsErrors.describe(e, instance.profile(), instance.region(),
                    Call.ec2("stop " + instance.label(), "StopInstances")), e);
        }
    }

    /** Reboots a running instance (RebootInstances): its sessions end; it keeps its addresses. */
    public void reboot(Instance instance) throws CloudException {
        try {
            access.ec2(instance.profile(), instance.region()).rebootInstances(r -> r.instanceIds(instance.id()));
        } catch (SdkException e) {
            throw new CloudException(AwsErrors.describe(e, instance.profile(), instance.region(),
                    Call.ec2("reboot " + instance.label(), "RebootInstances")), e);
        }
    }

    /** The fingerprint EC2 reports for the instance's key pair (DescribeKeyPairs), if it still exists. */
    public Optional<String> keyPairFingerprint(Instance instance) throws CloudException {
        if (instance.keyName() == null) {
            return Optional.empty();
        }
        try {
            return access.ec2(instance.profile(), instance.region())
                    .describeKeyPairs(r -> r.keyNames(instance.keyName())).keyPairs().stream()
                    .map(KeyPairInfo::keyFingerprint).findFirst();
        } catch (SdkException e) {
            if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                    && "InvalidKeyPair.NotFound".equals(s.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw new CloudException(AwsErrors.describe(e, instance.profile(), instance.region(),
                    Call.ec2("look up key pair '" + instance.keyName() + "'", "DescribeKeyPairs")), e);
        }
    }
}
