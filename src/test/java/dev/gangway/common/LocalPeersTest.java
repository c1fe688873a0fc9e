package dev.gangway.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Who is on the other end of a loopback connection: the kernel's socket table (Linux), lsof's list
 * of this user's sockets (macOS; the same tool and output here), netstat's process ids (Windows).
 */
class LocalPeersTest {

    @Test
    void aLineOfTheSocketTableNamesItsOwner() {
        // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
        String line = "   3: 0100007F:A5E2 0100007F:1538 01 00000000:00000000 00:00000000 00000000  1000        0 123456 1";
        assertThat(LocalPeers.match(line, 0xA5E2, 0x1538)).contains(1000);
        assertThat(LocalPeers.match(line, 0x1538, 0xA5E2)).isEmpty();
        assertThat(LocalPeers.match("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid",
                1, 2)).isEmpty();
    }

    @Test
    void myOwnConnectionIsMine() throws Exception {
        Optional<Integer> own = LocalPeers.ownUid();
        Assumptions.assumeTrue(own.isPresent(), "the OS does not say (not Linux)");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            assertThat(LocalPeers.uidOf(accepted)).isEqualTo(own);
            assertThat(LocalPeers.fromAnotherUser(accepted)).isFalse();
            assertThat(client.isConnected()).isTrue();
        }
    }

    /** macOS's plan run for real (lsof prints the same "-F n" lines here): both ends are this user's. */
    @Test
    void lsofSeesBothEndsOfMyOwnConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            assertThat(LocalPeers.lsofCommand(server.getLocalPort())).containsExactly("lsof", "-nP",
                    "-iTCP:" + server.getLocalPort(), "-sTCP:ESTABLISHED", "-F", "n");
            assertThat(LocalPeers.verdict(HostOs.MAC, accepted)).isEqualTo(LocalPeers.Verdict.THIS_USER);
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void lsofShowingOnlyOurSideMeansAnotherUsersProcessAndNothingAtAllMeansUnknown() {
        String both = "p4242\nn127.0.0.1:51000->127.0.0.1:15432\np777\nn127.0.0.1:15432->127.0.0.1:51000\n";
        String ours = "p777\nn127.0.0.1:15432->127.0.0.1:51000\nn127.0.0.1:15432->127.0.0.1:51999\n";
        assertThat(LocalPeers.lsofVerdict(both, 51000, 15432)).isEqualTo(LocalPeers.Verdict.THIS_USER);
        assertThat(LocalPeers.lsofVerdict(ours, 51000, 15432)).isEqualTo(LocalPeers.Verdict.ANOTHER_USER);
        // lsof listing nothing of ours (not allowed to look, or gone): nobody is refused on its word.
        assertThat(LocalPeers.lsofVerdict("", 51000, 15432)).isEqualTo(LocalPeers.Verdict.UNKNOWN);
        assertThat(LocalPeers.lsofVerdict("p4242\nn127.0.0.1:51000->127.0.0.1:15432\n", 51000, 15432))
                .isEqualTo(LocalPeers.Verdict.UNKNOWN);
    }

    @Test
    void netstatNamesTheConnectingProcessAndItsUserDecides() {
        String netstat = String.join("\r\n", "", "Active Connections", "",
                "  Proto  Local Address          Foreign Address        State           PID",
                "  TCP    127.0.0.1:15432        0.0.0.0:0              LISTENING       7780",
                "  TCP    127.0.0.1:15432        127.0.0.1:51000        ESTABLISHED     7780",
                "  TCP    127.0.0.1:51000        127.0.0.1:15432        ESTABLISHED     9124",
                "  TCP    [::1]:51001            [::1]:15433            ESTABLISHED     5512", "");
        assertThat(LocalPeers.NETSTAT).containsExactly("netstat", "-ano", "-p", "TCP");
        assertThat(LocalPeers.netstatPid(netstat, 51000, 15432)).contains(9124L);
        assertThat(LocalPeers.netstatPid(netstat, 51001, 15433)).contains(5512L);
        assertThat(LocalPeers.netstatPid(netstat, 51002, 15432)).isEmpty();
        Optional<String> me = Optional.of("DESKTOP-1\\alice");
        Optional<Integer> none = Optional.empty();
        assertThat(LocalPeers.windowsVerdict(Optional.of("desktop-1\\ALICE"), me, none, none))
                .isEqualTo(LocalPeers.Verdict.THIS_USER);
        assertThat(LocalPeers.windowsVerdict(Optional.of("DESKTOP-1\\bob"), me, none, none))
                .isEqualTo(LocalPeers.Verdict.ANOTHER_USER);

        // A process whose user the OS does not report to this user: its logon session decides.
        String tasklist = String.join("\r\n", "\"System Idle Process\",\"0\",\"Services\",\"0\",\"8 K\"",
                "\"psql.exe\",\"9124\",\"RDP-Tcp#3\",\"3\",\"12,480 K\"",
                "\"psql.exe\",\"5512\",\"Console\",\"1\",\"12,100 K\"",
                "\"java.exe\",\"7780\",\"Console\",\"1\",\"312,004 K\"");
        assertThat(LocalPeers.TASKLIST).containsExactly("tasklist", "/fo", "csv", "/nh");
        assertThat(LocalPeers.tasklistSession(tasklist, 9124)).contains(3);
        assertThat(LocalPeers.tasklistSession(tasklist, 7780)).contains(1);
        assertThat(LocalPeers.tasklistSession(tasklist, 4242)).isEmpty();
        // Another user's terminal-server session: refused; this session (an elevated tool of this user): let in.
        assertThat(LocalPeers.windowsVerdict(Optional.empty(), me, LocalPeers.tasklistSession(tasklist, 9124),
                LocalPeers.tasklistSession(tasklist, 7780))).isEqualTo(LocalPeers.Verdict.ANOTHER_USER);
        assertThat(LocalPeers.windowsVerdict(Optional.empty(), me, LocalPeers.tasklistSession(tasklist, 5512),
                LocalPeers.tasklistSession(tasklist, 7780))).isEqualTo(LocalPeers.Verdict.THIS_USER);
        // Nothing known: let in.
        assertThat(LocalPeers.windowsVerdict(Optional.empty(), me, none, none)).isEqualTo(LocalPeers.Verdict.UNKNOWN);
    }
}
