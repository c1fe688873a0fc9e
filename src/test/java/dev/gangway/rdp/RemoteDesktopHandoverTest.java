package dev.gangway.rdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

import dev.gangway.common.HostOs;
import dev.gangway.connect.Tunnel;
import dev.gangway.testsupport.FakeMachine;
import dev.gangway.testsupport.RecordingNotifier;
import dev.gangway.testsupport.SameThreadRunner;
import dev.gangway.windowspassword.WindowsPasswords;

/** How the window hands the password to a Remote Desktop client, and what it tells the user, without a stage. */
class RemoteDesktopHandoverTest {

    final RecordingNotifier notifier = new RecordingNotifier();
    final List<String> clipboard = new ArrayList<>();
    final List<String> offers = new ArrayList<>();
    final AtomicLong now = new AtomicLong();
    final RemoteDesktopStarter starter = new RemoteDesktopStarter(null, null, HostOs.LINUX,
            FakeMachine.with(Set.of(), Set.of()), null);
    final RemoteDesktopHandover handover = new RemoteDesktopHandover(starter, notifier, new SameThreadRunner(),
            secret -> clipboard.add(new String(secret)),
            (name, rdp, password, hint) -> offers.add(name + " | " + new String(password) + " | " + hint), now::get);

    final RdpFile rdp = RdpFile.windowed("win.example", 3389, "Administrator");
    final char[] password = "s3cret-Pa55".toCharArray();

    RemoteDesktopStarter.Started started(LaunchPlan.Handover handover, Process client, Optional<String> warning) {
        LaunchPlan plan = new LaunchPlan("Remmina", List.of("remmina", "-c", "/tmp/x.rdp"), rdp, Path.of("/tmp/x.rdp"),
                handover, null, null);
        return new RemoteDesktopStarter.Started(Optional.of(plan), Optional.ofNullable(client), rdp,
                new RemoteDesktop.Target("win.example", 3389, "public DNS", warning),
                new WindowsPasswords.Credentials("Administrator", password, Path.of("k.pem")));
    }

    /** FreeRDP started, reading the password itself, and exiting at once with {@code status}. */
    RemoteDesktopStarter.Started freeRdpExiting(int status) throws Exception {
        Process quits = new ProcessBuilder("sh", "-c", "exit " + status).start();
        RemoteDesktopStarter.Started s = started(LaunchPlan.Handover.STDIN, quits, Optional.empty());
        LaunchPlan freeRdp = new LaunchPlan("FreeRDP", List.of("xfreerdp", "/tmp/x.rdp"), rdp, Path.of("/tmp/x.rdp"),
                LaunchPlan.Handover.STDIN, null, null);
        return new RemoteDesktopStarter.Started(Optional.of(freeRdp), s.client(), s.rdp(), s.target(), s.credentials());
    }

    @Test
    void aClientThatTakesNoPasswordGetsItOnTheClipboardAndTheUserIsToldWhereItConnected() throws Exception {
        handover.handOver("win-app", started(LaunchPlan.Handover.CLIPBOARD, null, Optional.empty())).get();
        assertThat(clipboard).containsExactly("s3cret-Pa55");
        // The password on the clipboard is news to act on: a notification, not a passing note.
        assertThat(notifier.messages()).containsExactly(
                "Remmina started for win-app: Administrator at win.example (public DNS).");
        assertThat(notifier.progress()).isEmpty();
        assertThat(password).containsOnly('\0');
    }

    @Test
    void aClientThatReadsThePasswordItselfLeavesTheClipboardAloneAndAClosedPortIsSaid() throws Exception {
        handover.handOver("win-app", started(LaunchPlan.Handover.STDIN, null,
                Optional.of("Port 3389 is not open to 127.0.0.1."))).get();
        assertThat(clipboard).isEmpty();
        assertThat(notifier.progress()).first().isEqualTo("Remote Desktop to win-app: Port 3389 is not open to 127.0.0.1.");
    }

    @Test
    void aClientThatGivesUpAtOnceIsReportedWithWhatToCheck() throws Exception {
        Process quits = new ProcessBuilder("sh", "-c", "exit 3").start();
        handover.handOver("win-app", started(LaunchPlan.Handover.STDIN, quits, Optional.empty()))
                .get(10, TimeUnit.SECONDS);
        assertThat(notifier.messages()).last().asString().startsWith("Remmina ended for win-app: It stopped at once "
                + "(exit status 3): it could not connect to win.example. Check that the address is reachable");
    }

    /** FreeRDP's exit status is said in words: "140" alone told the user nothing (issue 26). */
    @Test
    void freeRdpsExitStatusIsExplained() throws Exception {
        handover.handOver("win-app", freeRdpExiting(140)).get(10, TimeUnit.SECONDS);
        assertThat(notifier.messages()).last().asString().startsWith("FreeRDP ended for win-app: It stopped at once "
                + "(exit status 140: no such host name): it could not connect to win.example.");
        assertThat(RdpExitStatus.describe("FreeRDP", 141)).startsWith("exit status 141: nothing answered on the port");
        assertThat(RdpExitStatus.describe("Remmina", 141)).isEqualTo("exit status 141");
    }

    /** A logon that failed is not "could not connect": the user and the password are what to check. */
    @Test
    void aFailedLogonSaysToCheckThePassword() throws Exception {
        handover.handOver("win-app", freeRdpExiting(154)).get(10, TimeUnit.SECONDS);
        assertThat(notifier.messages()).last().asString().contains("the logon failed (exit status 154: the password "
                + "is wrong)").contains("Get Windows password").doesNotContain("could not connect");
    }

    @Test
    void aClientThatGivesUpAtOnceThroughASessionManagerTunnelIsToldToCheckTheInstance() throws Exception {
        Process quits = new ProcessBuilder("sh", "-c", "exit 147").start();
        RemoteDesktopStarter.Started s = started(LaunchPlan.Handover.STDIN, quits, Optional.empty());
        RemoteDesktopStarter.Started tunnelled = new RemoteDesktopStarter.Started(s.plan(), s.client(), s.rdp(),
                new RemoteDesktop.Target("127.0.0.1", 51234, "Session Manager tunnel to port 3389", Optional.empty(),
                        Optional.of(Tunnel.direct("127.0.0.1", 51234))), s.credentials());
        handover.handOver("win-app", tunnelled).get(10, TimeUnit.SECONDS);
        assertThat(notifier.messages()).last().asString().contains("exit status 147")
                .contains("Session Manager carried the connection to the instance, but nothing answered on its RDP "
                        + "port there: check that Remote Desktop is enabled on it.");
    }

    @Test
    void aClientThatEndsAfterASessionIsNotReportedAsAFailedConnection() throws Exception {
        Process quits = new ProcessBuilder("sh", "-c", "exit 1").start();
        // Each reading of the clock is a session's length later than the one before.
        long[] clock = {0};
        LongSupplier sessionLong = () -> {
            long t = clock[0];
            clock[0] += RemoteDesktopHandover.QUICK_EXIT.toNanos() + 1;
            return t;
        };
        RemoteDesktopHandover later = new RemoteDesktopHandover(starter, notifier, new SameThreadRunner(),
                secret -> { }, (name, file, pw, hint) -> { }, sessionLong);
        later.handOver("win-app", started(LaunchPlan.Handover.STDIN, quits, Optional.empty())).get(10, TimeUnit.SECONDS);
        assertThat(notifier.messages()).noneMatch(m -> m.contains("ended for"));
    }

    @Test
    void aWatchedClientIsASessionFromItsStartToItsEnd() throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        Process client = new ProcessBuilder("sh", "-c", "exit 0").start();
        handover.handOver("win-app", started(LaunchPlan.Handover.STDIN, client, Optional.empty()), () -> {
            started.incrementAndGet();
            return ended::incrementAndGet;
        }).get(10, TimeUnit.SECONDS);
        assertThat(started).hasValue(1);
        assertThat(ended).hasValue(1);
        // With no client to watch there is no session: a temporary rule is not tied to it.
        handover.handOver("win-app", started(LaunchPlan.Handover.STDIN, null, Optional.empty()), () -> {
            started.incrementAndGet();
            return ended::incrementAndGet;
        }).get(10, TimeUnit.SECONDS);
        assertThat(started).hasValue(1);
        // A launcher that exits at once (macOS's open, Remmina handing the file on) is not the session.
        Process launcher = new ProcessBuilder("sh", "-c", "exit 0").start();
        RemoteDesktopStarter.Started handedOn = started(LaunchPlan.Handover.STDIN, launcher, Optional.empty());
        LaunchPlan plan = handedOn.plan().orElseThrow();
        RemoteDesktopStarter.Started open = new RemoteDesktopStarter.Started(Optional.of(new LaunchPlan(plan.client(),
                plan.command(), plan.rdp(), plan.rdpFile(), plan.password(), null, null, false)), handedOn.client(),
                handedOn.rdp(), handedOn.target(), handedOn.credentials());
        handover.handOver("win-app", open, () -> {
            started.incrementAndGet();
            return ended::incrementAndGet;
        }).get(10, TimeUnit.SECONDS);
        assertThat(started).hasValue(1);
        assertThat(ended).hasValue(1);
    }

    @Test
    void withoutAClientTheFileAndThePasswordAreOfferedWithWhatToInstall() throws Exception {
        RemoteDesktopStarter.Started none = new RemoteDesktopStarter.Started(Optional.empty(), Optional.empty(), rdp,
                new RemoteDesktop.Target("win.example", 3389, "public DNS", Optional.empty()),
                new WindowsPasswords.Credentials("Administrator", password, Path.of("k.pem")));
        handover.handOver("win-app", none).get();
        assertThat(offers).singleElement().asString().startsWith("win-app | s3cret-Pa55 | ").contains("Remmina");
        assertThat(password).containsOnly('\0');
    }
}
