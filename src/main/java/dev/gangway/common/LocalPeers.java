package dev.gangway.common;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which OS user a loopback connection comes from, where the OS can tell: on Linux the kernel's
 * socket table ({@code /proc/net/tcp}, {@code tcp6}) names the owner of the connecting socket.
 * Tunnels on 127.0.0.1 use it to refuse other users of the same machine.
 */
public final class LocalPeers {

    private static final Path PROC = Path.of("/proc");

    private LocalPeers() {
    }

    /** This process's user id, when the OS says (Linux). */
    public static Optional<Integer> ownUid() {
        try {
            return Optional.of((Integer) Files.getAttribute(PROC.resolve("self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * The user id owning the other end of {@code accepted} (a connection made to this process on
     * loopback), or empty where the OS cannot tell.
     */
    public static Optional<Integer> uidOf(Socket accepted) {
        return uidOf(accepted.getPort(), accepted.getLocalPort());
    }

    /** The owner of the socket whose local port is {@code clientPort} and which is connected to {@code serverPort}. */
    static Optional<Integer> uidOf(int clientPort, int serverPort) {
        for (String table : List.of("tcp", "tcp6")) {
            Path file = PROC.resolve("net").resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file)) {
                    Optional<Integer> uid = match(line, clientPort, serverPort);
                    if (uid.isPresent()) {
                        return uid;
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** One line of /proc/net/tcp: "sl local rem st queues tr retrnsmt uid ...", addresses as hex "ADDR:PORT". */
    static Optional<Integer> match(String line, int clientPort, int serverPort) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 8 || !f[1].contains(":") || !f[2].contains(":")) {
            return Optional.empty();
        }
        try {
            int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
            int remote = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
            if (local == clientPort && remote == serverPort) {
                return Optional.of(Integer.parseInt(f[7]));
            }
        } catch (NumberFormatException e) {
            // the header line
        }
        return Optional.empty();
    }

    /** Whether {@code accepted} comes from another OS user (false where the OS cannot tell). */
    public static boolean fromAnotherUser(Socket accepted) {
        Optional<Integer> own = ownUid();
        Optional<Integer> peer = uidOf(accepted);
        return own.isPresent() && peer.isPresent() && !own.get().equals(peer.get());
    }
}
