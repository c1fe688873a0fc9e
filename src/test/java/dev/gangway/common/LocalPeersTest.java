package dev.gangway.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Who is on the other end of a loopback connection, from the kernel's socket table. */
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
}
