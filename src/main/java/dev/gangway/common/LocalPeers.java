package dev.gangway.common;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which OS user a loopback connection comes from, where the OS can tell. Linux: the kernel's socket
 * table ({@code /proc/net/tcp}, {@code tcp6}) names the owner of the connecting socket. macOS:
 * {@code lsof}, run as this user, lists only this user's sockets; it must show this side of the
 * connection (proof that it sees ours) and not the connecting side. Windows: {@code netstat -ano}
 * names the connecting process; its user, when the OS reports it, else its logon session
 * ({@code tasklist}: another session is another user, or a service). Where nothing can be told
 * (a tool missing, an answer unclear), the connection is let in: tunnels on 127.0.0.1 refuse only
 * other users the OS names.
 */
public final class LocalPeers {

    private static final Path PROC = Path.of("/proc");
    /** How long lsof or netstat may take before the connection is let in unjudged. */
    private static final long TOOL_SECONDS = 5;

    /** What the OS says of a connection's user. */
    public enum Verdict {
        THIS_USER,
        ANOTHER_USER,
        UNKNOWN
    }

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
        return verdict(HostOs.current(), accepted) == Verdict.ANOTHER_USER;
    }

    static Verdict verdict(HostOs os, Socket accepted) {
        int client = accepted.getPort();
        int server = accepted.getLocalPort();
        return switch (os) {
            case LINUX -> {
                Optional<Integer> own = ownUid();
                Optional<Integer> peer = uidOf(client, server);
                yield own.isEmpty() || peer.isEmpty() ? Verdict.UNKNOWN
                        : own.get().equals(peer.get()) ? Verdict.THIS_USER : Verdict.ANOTHER_USER;
            }
            case MAC -> run(lsofCommand(server)).map(out -> lsofVerdict(out, client, server)).orElse(Verdict.UNKNOWN);
            case WINDOWS -> run(NETSTAT).flatMap(out -> netstatPid(out, client, server)).map(pid -> {
                Optional<String> peerUser = ProcessHandle.of(pid).flatMap(h -> h.info().user());
                Optional<String> ownUser = ProcessHandle.current().info().user();
                if (peerUser.isPresent() && ownUser.isPresent()) {
                    return windowsVerdict(peerUser, ownUser, Optional.empty(), Optional.empty());
                }
                String tasks = run(TASKLIST).orElse("");
                return windowsVerdict(peerUser, ownUser, tasklistSession(tasks, pid),
                        tasklistSession(tasks, ProcessHandle.current().pid()));
            }).orElse(Verdict.UNKNOWN);
        };
    }

    /** macOS: this user's TCP sockets to or from {@code serverPort}, one "n" line per socket ("-F n"). */
    static List<String> lsofCommand(int serverPort) {
        return List.of("lsof", "-nP", "-iTCP:" + serverPort, "-sTCP:ESTABLISHED", "-F", "n");
    }

    /**
     * lsof's answer: this side ({@code 127.0.0.1:server->127.0.0.1:client}) must be listed, or lsof
     * sees nothing of ours and says nothing; then the connecting side listed means this user, and
     * not listed means a process lsof may not look into: another user's.
     */
    static Verdict lsofVerdict(String output, int clientPort, int serverPort) {
        boolean ours = false;
        boolean theirs = false;
        for (String line : output.split("\\R")) {
            if (!line.startsWith("n")) {
                continue;
            }
            String[] ends = line.substring(1).split("->");
            if (ends.length != 2) {
                continue;
            }
            int local = port(ends[0]);
            int remote = port(ends[1]);
            ours |= local == serverPort && remote == clientPort;
            theirs |= local == clientPort && remote == serverPort;
        }
        return !ours ? Verdict.UNKNOWN : theirs ? Verdict.THIS_USER : Verdict.ANOTHER_USER;
    }

    /** Windows: every TCP connection with its process id; no rights needed. */
    static final List<String> NETSTAT = List.of("netstat", "-ano", "-p", "TCP");

    /** The process id of the connection from {@code clientPort} to {@code serverPort}, from netstat's table. */
    static Optional<Long> netstatPid(String output, int clientPort, int serverPort) {
        for (String line : output.split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && "TCP".equalsIgnoreCase(f[0]) && port(f[1]) == clientPort && port(f[2]) == serverPort) {
                try {
                    return Optional.of(Long.parseLong(f[4]));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Windows: every process with its logon session number; no rights needed. */
    static final List<String> TASKLIST = List.of("tasklist", "/fo", "csv", "/nh");

    /** The session number of process {@code pid} in tasklist's CSV ("name","pid","session name","session#","mem"). */
    static Optional<Integer> tasklistSession(String output, long pid) {
        for (String line : output.split("\\R")) {
            String[] f = line.split("\",\"");
            if (f.length >= 4 && f[1].equals(Long.toString(pid))) {
                try {
                    return Optional.of(Integer.parseInt(f[3].replace("\"", "").trim()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The connecting process's user against this one's ("DOMAIN\\name") when the OS reports both;
     * else its logon session against this one's: another session is another user (or a service),
     * the same session this user (an elevated process of this user hides its user the same way).
     */
    static Verdict windowsVerdict(Optional<String> peer, Optional<String> own, Optional<Integer> peerSession,
            Optional<Integer> ownSession) {
        if (peer.isPresent() && own.isPresent()) {
            return peer.get().equalsIgnoreCase(own.get()) ? Verdict.THIS_USER : Verdict.ANOTHER_USER;
        }
        if (peerSession.isPresent() && ownSession.isPresent()) {
            return peerSession.get().equals(ownSession.get()) ? Verdict.THIS_USER : Verdict.ANOTHER_USER;
        }
        return Verdict.UNKNOWN;
    }

    /** The port of "127.0.0.1:5432" or "[::1]:5432" (-1 when there is none). */
    private static int port(String address) {
        int colon = address.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Runs {@code command} and returns what it printed, or empty when it is missing, fails or takes too long. */
    private static Optional<String> run(List<String> command) {
        try {
            Process p = ChildEnvironment.apply(new ProcessBuilder(command)).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!p.waitFor(TOOL_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            // lsof exits 1 when it finds nothing to list, which is an answer too.
            return Optional.of(out.get(TOOL_SECONDS, TimeUnit.SECONDS));
        } catch (IOException | ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
