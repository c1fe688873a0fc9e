package dev.gangway.doctor;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which AMIs come with EC2 Instance Connect installed (AWS's documentation): Amazon Linux 2
 * 2.0.20190618 and later, Amazon Linux 2023, Ubuntu 20.04 and later. Others need the
 * ec2-instance-connect package installed.
 */
final class InstanceConnectImages {

    private static final Pattern AL2 = Pattern.compile("amzn2-ami-[a-z-]*?2\\.0\\.(\\d{8})");
    private static final Pattern UBUNTU = Pattern.compile("ubuntu[^0-9]*?-(\\d{2})\\.(\\d{2})-");

    private InstanceConnectImages() {
    }

    /** Whether an AMI named {@code imageName} (with {@code platformDetails}) comes with Instance Connect. */
    static boolean preinstalled(String imageName, String platformDetails) {
        String name = (imageName == null ? "" : imageName).toLowerCase(Locale.ROOT);
        if (name.startsWith("al2023-ami")) {
            return true;
        }
        Matcher al2 = AL2.matcher(name);
        if (al2.find()) {
            return al2.group(1).compareTo("20190618") >= 0;
        }
        Matcher ubuntu = UBUNTU.matcher(name);
        if (ubuntu.find()) {
            return Integer.parseInt(ubuntu.group(1)) >= 20;
        }
        return false;
    }
}
