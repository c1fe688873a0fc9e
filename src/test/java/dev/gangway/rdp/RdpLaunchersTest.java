package dev.gangway.rdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gangway.common.HostOs;
import dev.gangway.rdp.LaunchPlan.Handover;
import dev.gangway.testsupport.FakeMachine;

/**
 * The exact plans handed to each OS: mstsc and the Mac's Windows App cannot run here, so what they
 * would be given is checked instead; FreeRDP's plan is also run for real (RdpRunnerTest).
 */
class RdpLaunchersTest {

    static final RdpFile RDP = RdpFile.windowed("ec2-203-0-113-40.eu-west-3.compute.amazonaws.com", 3389, "Administrateur");
    static final Path FILE = Path.of("/tmp/gangway-rdp-1/win-paris.rdp");

    @Test
    void windowsStartsMstscWithTheFileAndACredentialForTheHostInsteadOfAPassword() {
        LaunchPlan plan = RdpLaunchers.choose(HostOs.WINDOWS, FakeMachine.with(Set.of("mstsc"), Set.of()), null).orElseThrow()
                .plan(RDP, FILE, Optional.empty());
        assertThat(plan.client()).isEqualTo("mstsc");
        assertThat(plan.command()).containsExactly("mstsc", FILE.toString());
        assertThat(plan.password()).isEqualTo(Handover.CREDENTIAL_STORE);
        assertThat(plan.credentialTarget()).isEqualTo("TERMSRV/ec2-203-0-113-40.eu-west-3.compute.amazonaws.com");
    }

    @Test
    void macOpensTheWindowsAppOrTheOlderRemoteDesktopAppAndUsesTheClipboard() {
        LaunchPlan plan = RdpLaunchers.choose(HostOs.MAC, FakeMachine.with(Set.of(), Set.of(Path.of("/Applications/Windows App.app"))), null)
                .orElseThrow().plan(RDP, FILE, Optional.empty());
        assertThat(plan.command()).containsExactly("open", "-a", "Windows App", FILE.toString());
        assertThat(plan.password()).isEqualTo(Handover.CLIPBOARD);
        assertThat(plan.note()).contains("clipboard for 45 seconds");

        LaunchPlan older = RdpLaunchers.choose(HostOs.MAC, FakeMachine.with(Set.of(),
                Set.of(Path.of("/Applications/Microsoft Remote Desktop.app"))), null).orElseThrow()
                .plan(RDP, FILE, Optional.empty());
        assertThat(older.command()).containsExactly("open", "-a", "Microsoft Remote Desktop", FILE.toString());
    }

    @Test
    void linuxPrefersRemminaAndFallsBackToFreeRdpWithThePasswordOnStandardInput() {
        LaunchPlan remmina = RdpLaunchers.choose(HostOs.LINUX, FakeMachine.with(Set.of("remmina", "xfreerdp"), Set.of()), null)
                .orElseThrow().plan(RDP, FILE, Optional.empty());
        assertThat(remmina.command()).containsExactly("remmina", "-c", FILE.toString());
        assertThat(remmina.password()).isEqualTo(Handover.CLIPBOARD);

        LaunchPlan freeRdp = RdpLaunchers.choose(HostOs.LINUX, FakeMachine.with(Set.of("xfreerdp"), Set.of()), null).orElseThrow()
                .plan(RDP, FILE, Optional.empty());
        assertThat(freeRdp.command()).containsExactly("xfreerdp", FILE.toString(), "/from-stdin:force", "/cert:tofu");
        assertThat(freeRdp.password()).isEqualTo(Handover.STDIN);

        // FreeRDP 3's client is preferred over 2's when both are there; the setting picks a client that is installed.
        assertThat(RdpLaunchers.choose(HostOs.LINUX, FakeMachine.with(Set.of("xfreerdp", "xfreerdp3"), Set.of()), null).orElseThrow()
                .plan(RDP, FILE, Optional.empty()).command().get(0)).isEqualTo("xfreerdp3");
        assertThat(RdpLaunchers.choose(HostOs.LINUX, FakeMachine.with(Set.of("remmina", "xfreerdp"), Set.of()), "freerdp").orElseThrow()
                .name()).isEqualTo("FreeRDP");
        assertThat(RdpLaunchers.choose(HostOs.LINUX, FakeMachine.with(Set.of("remmina"), Set.of()), "FreeRDP").orElseThrow()
                .name()).isEqualTo("Remmina");
    }

    @Test
    void theCertificateThumbprintFromTheConsoleIsPinnedForFreeRdpAndNamedForClientsThatAsk() {
        Optional<String> thumbprint = Optional.of("2B4714FE5CD23D9E211F1FF308E27140AA7D650A");
        LaunchPlan freeRdp = RdpLaunchers.freeRdp(FakeMachine.with(Set.of("xfreerdp"), Set.of())).plan(RDP, FILE, thumbprint);
        assertThat(freeRdp.command()).containsExactly("xfreerdp", FILE.toString(), "/from-stdin:force",
                "/cert:fingerprint:sha1:2b:47:14:fe:5c:d2:3d:9e:21:1f:1f:f3:08:e2:71:40:aa:7d:65:0a");
        assertThat(freeRdp.note()).isNull();
        // Without one FreeRDP trusts the first certificate, and the user is told so.
        assertThat(RdpLaunchers.freeRdp(FakeMachine.with(Set.of("xfreerdp"), Set.of())).plan(RDP, FILE, Optional.empty())
                .note()).contains("no RDP certificate thumbprint").contains("trusts the certificate it is shown this first time");

        for (RdpLaunchers.Launcher asking : List.of(RdpLaunchers.mstsc(FakeMachine.bare()), RdpLaunchers.remmina(FakeMachine.bare()),
                RdpLaunchers.windowsApp(FakeMachine.bare()))) {
            assertThat(asking.plan(RDP, FILE, thumbprint).note()).as(asking.name())
                    .contains("thumbprint must be 2B4714FE5CD23D9E211F1FF308E27140AA7D650A");
        }
    }

    @Test
    void withNoClientInstalledThereIsNoPlanAndTheHintNamesWhatToInstall() {
        for (HostOs os : HostOs.values()) {
            assertThat(RdpLaunchers.choose(os, FakeMachine.with(Set.of(), Set.of()), null)).as(os.name()).isEmpty();
        }
        assertThat(RdpLaunchers.installHint(HostOs.LINUX)).contains("Remmina");
        assertThat(RdpLaunchers.installHint(HostOs.MAC)).contains("Windows App");
        assertThat(RdpLaunchers.installHint(HostOs.WINDOWS)).contains("mstsc");
    }

    @Test
    void noPlanCarriesAPasswordAndTheDryRunTextShowsNone() {
        for (HostOs os : HostOs.values()) {
            for (RdpLaunchers.Launcher l : RdpLaunchers.forOs(os, FakeMachine.with(Set.of("mstsc", "remmina", "xfreerdp"),
                    Set.of(Path.of("/Applications/Windows App.app"))))) {
                LaunchPlan plan = l.plan(RDP, FILE, Optional.empty());
                assertThat(plan.describe()).contains("full address:s:" + RDP.host()).contains("username:s:Administrateur")
                        .doesNotContainIgnoringCase("password:s").doesNotContain("password 51");
                assertThat(List.of(plan.command().toString(), plan.rdp().text())).noneMatch(s -> s.contains("/p:"));
            }
        }
    }
}
