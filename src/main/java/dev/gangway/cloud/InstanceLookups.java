package dev.gangway.cloud;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;

/** What connecting to one instance needs from EC2 besides the inventory: its console output and key pair. */
public final class InstanceLookups {

    private final CloudAccess access;

    public InstanceLookups(CloudAccess access) {
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
                throw new CloudException(AwsErrors.describe(again, instance.profile(), instance.region()), again);
            }
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
            if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s && s.awsErrorDetails() != null
                    && "InvalidKeyPair.NotFound".equals(s.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw new CloudException(AwsErrors.describe(e, instance.profile(), instance.region()), e);
        }
    }
}
