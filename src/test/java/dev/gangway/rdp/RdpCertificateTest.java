package dev.gangway.rdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The RDP certificate thumbprint in a Windows instance's console output, as EC2Config and EC2Launch print it. */
class RdpCertificateTest {

    @Test
    void theLatestBootsThumbprintIsFoundAndTheRestOfTheLogIgnored() {
        String console = """
                2026/02/27 09:15:40Z: EC2Launch: Windows is being configured.
                2026/02/27 09:18:52Z: RDPCERTIFICATE-SUBJECTNAME: EC2AMAZ-7GQ2K1P
                2026/02/27 09:18:52Z: RDPCERTIFICATE-THUMBPRINT: 6e26c1d1d9a5d3c3d2e7d64e4a43e48d1d7f1a6d
                2026/02/27 09:19:11Z: Message: Windows is Ready to use
                2026/03/01 08:02:07Z: RDPCERTIFICATE-SUBJECTNAME: EC2AMAZ-7GQ2K1P
                2026/03/01 08:02:07Z: RDPCERTIFICATE-THUMBPRINT: 2B4714FE5CD23D9E211F1FF308E27140AA7D650A
                """;
        assertThat(RdpCertificate.thumbprint(console)).contains("2B4714FE5CD23D9E211F1FF308E27140AA7D650A");
        assertThat(RdpCertificate.colonSeparated("2B4714FE5CD23D9E211F1FF308E27140AA7D650A"))
                .isEqualTo("2b:47:14:fe:5c:d2:3d:9e:21:1f:1f:f3:08:e2:71:40:aa:7d:65:0a");
    }

    @Test
    void noThumbprintOrAMalformedOneIsNone() {
        assertThat(RdpCertificate.thumbprint("Linux version 6.1\ncloud-init finished")).isEmpty();
        assertThat(RdpCertificate.thumbprint("RDPCERTIFICATE-THUMBPRINT: 2B4714FE5CD2")).isEmpty();
        assertThat(RdpCertificate.thumbprint("RDPCERTIFICATE-THUMBPRINT: 2B4714FE5CD23D9E211F1FF308E27140AA7D650A77")).isEmpty();
        assertThat(RdpCertificate.thumbprint(null)).isEmpty();
    }
}
