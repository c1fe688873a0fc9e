package dev.gangway.instanceconnect;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import dev.gangway.aws.AwsErrors;
import dev.gangway.aws.CloudAccess;
import dev.gangway.aws.CloudException;
import dev.gangway.instance.Instance;

/** EC2 Instance Connect's one call: a public key the instance's sshd accepts for 60 seconds. */
public final class InstanceConnectClient {

    private final CloudAccess access;

    public InstanceConnectClient(CloudAccess access) {
        this.access = access;
    }

    /**
     * Pushes a public key for {@code osUser} with EC2 Instance Connect (SendSSHPublicKey): the
     * instance's sshd then accepts it for 60 seconds.
     */
    public void sendSshPublicKey(Instance instance, String osUser, String openSshPublicKey) throws CloudException {
        try {
            access.instanceConnect(instance.profile(), instance.region()).sendSSHPublicKey(r -> r
                    .instanceId(instance.id())
                    .instanceOSUser(osUser)
                    .sshPublicKey(openSshPublicKey)
                    .availabilityZone(instance.availabilityZone()));
        } catch (SdkException e) {
            String code = e instanceof AwsServiceException s
                    && s.awsErrorDetails() != null ? String.valueOf(s.awsErrorDetails().errorCode()) : "";
            String who = instance.displayName();
            switch (code) {
                case "AccessDeniedException", "AuthException" -> throw new CloudException("AWS refused EC2 Instance "
                        + "Connect to " + who + " for profile '" + instance.profile() + "' (" + code + "). The IAM identity "
                        + "needs ec2-instance-connect:SendSSHPublicKey on this instance, and any ec2:osuser condition "
                        + "must allow '" + osUser + "'.", e);
                case "EC2InstanceStateInvalidException", "EC2InstanceNotFoundException" -> throw new CloudException(
                        who + " cannot take an EC2 Instance Connect key now (" + code + "): it must be running. "
                                + "Refresh the list.", e);
                case "EC2InstanceUnavailableException", "ThrottlingException" -> throw new CloudException(
                        "EC2 Instance Connect is busy for " + who + " (" + code + "). Try again in a moment.", e);
                default -> throw new CloudException(AwsErrors.describe(e, instance.profile(), instance.region()), e);
            }
        }
    }
}
