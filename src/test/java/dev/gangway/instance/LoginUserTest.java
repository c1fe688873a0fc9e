package dev.gangway.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginUserTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
        "al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64, Linux/UNIX, ec2-user",
        "amzn2-ami-kernel-5.10-hvm-2.0.20241113.1-x86_64-gp2, Linux/UNIX, ec2-user",
        "RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3, Red Hat Enterprise Linux, ec2-user",
        "suse-sles-15-sp6-v20241113-hvm-ssd-x86_64, SUSE Linux, ec2-user",
        "FreeBSD 14.1-RELEASE-amd64 UEFI-PREFERRED, Linux/UNIX, ec2-user",
        "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241112, Linux/UNIX, ubuntu",
        "debian-12-amd64-20241201-1948, Linux/UNIX, admin",
        "CentOS Linux 7 x86_64 HVM EBS ENA 2002_01, Linux/UNIX, centos",
        "CentOS Stream 9 x86_64 20241111, Linux/UNIX, ec2-user",
        "Fedora-Cloud-Base-AmazonEC2.x86_64-41-1.4, Linux/UNIX, fedora",
        "Rocky-9-EC2-Base-9.5-20241118.0.x86_64, Linux/UNIX, rocky",
        "AlmaLinux OS 9.5.20241120 x86_64, Linux/UNIX, ec2-user",
        "bitnami-wordpress-6.7.1-r0-debian-12-amd64, Linux/UNIX, bitnami",
        "my-golden-image-2024-11, Linux/UNIX, -",
        "-, -, -",
    })
    void theAmisDefaultUser(String name, String details, String expected) {
        assertThat(LoginUser.forImage(name, details).orElse(null)).isEqualTo(expected);
    }
}
