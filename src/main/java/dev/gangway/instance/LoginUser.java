package dev.gangway.instance;

import java.util.Locale;
import java.util.Optional;

/**
 * The user an AMI lets in by default, from its name and platform details, as AWS documents it
 * ("Connect to your Linux instance": default user names). Empty when the AMI does not say.
 */
public final class LoginUser {

    private LoginUser() {
    }

    public static Optional<String> forImage(String imageName, String platformDetails) {
        String name = lower(imageName);
        String details = lower(platformDetails);
        String all = name + " " + details;
        // Bitnami images are built on Debian or Ubuntu but log in as bitnami: test it first.
        if (all.contains("bitnami")) {
            return Optional.of("bitnami");
        }
        if (all.contains("ubuntu")) {
            return Optional.of("ubuntu");
        }
        if (all.contains("debian")) {
            return Optional.of("admin");
        }
        if (all.contains("centos")) {
            // CentOS 6-8 images log in as centos; CentOS Stream 9 and later follow RHEL: ec2-user.
            return Optional.of(all.contains("stream") ? "ec2-user" : "centos");
        }
        if (all.contains("fedora")) {
            return Optional.of("fedora");
        }
        if (all.contains("rocky")) {
            return Optional.of("rocky");
        }
        if (all.contains("amzn") || all.contains("al2023") || all.contains("amazon linux") || all.contains("rhel")
                || all.contains("red hat") || all.contains("suse") || all.contains("sles") || all.contains("freebsd")
                || all.contains("almalinux")) {
            return Optional.of("ec2-user");
        }
        return Optional.empty();
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
