package dev.gangway.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace of the test's own, joined to this one by a veth pair: a second host on the
 * machine, at {@link #peerAddress()}, that a test can {@link #cut()} as a network does (its link
 * dropped: no FIN, no RST, packets simply go nowhere). Needs root and iproute2; a test without them
 * is skipped. Removed, with its link, on close.
 */
public final class NetNamespace implements AutoCloseable {

    private final String name;
    private final String hostSide;
    private final String peerSide;
    private final String hostAddress;
    private final String peerAddress;

    private NetNamespace(String name, String hostSide, String peerSide, String hostAddress, String peerAddress) {
        this.name = name;
        this.hostSide = hostSide;
        this.peerSide = peerSide;
        this.hostAddress = hostAddress;
        this.peerAddress = peerAddress;
    }

    /** A new namespace with a /30 link to this one, up; skips the test where namespaces cannot be made. */
    public static NetNamespace create() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        NetNamespace ns = new NetNamespace("gangway-" + tag, "gwh" + tag, "gwn" + tag,
                null, null);
        int b = ThreadLocalRandom.current().nextInt(256);
        int c = ThreadLocalRandom.current().nextInt(64) * 4;
        String prefix = "10.231." + b + ".";
        ns = new NetNamespace(ns.name, ns.hostSide, ns.peerSide, prefix + (c + 1), prefix + (c + 2));
        Processes.Ended added = Processes.run(new ProcessBuilder("ip", "netns", "add", ns.name).redirectErrorStream(true),
                Duration.ofSeconds(20));
        assumeTrue(added.code() == 0, "cannot make a network namespace: " + added.out());
        try {
            ns.ip("link", "add", ns.hostSide, "type", "veth", "peer", "name", ns.peerSide);
            ns.ip("link", "set", ns.peerSide, "netns", ns.name);
            ns.ip("addr", "add", ns.hostAddress + "/30", "dev", ns.hostSide);
            ns.ip("link", "set", ns.hostSide, "up");
            ns.inside("ip", "addr", "add", ns.peerAddress + "/30", "dev", ns.peerSide);
            ns.inside("ip", "link", "set", ns.peerSide, "up");
            ns.inside("ip", "link", "set", "lo", "up");
        } catch (Exception | AssertionError e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The namespace's own address on the link. */
    public String peerAddress() {
        return peerAddress;
    }

    /** {@code command} as run inside the namespace. */
    public List<String> command(String... command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(List.of(command));
        return all;
    }

    /** Drops the link from inside: what was in flight is lost and nothing more arrives, either way. */
    public void cut() throws Exception {
        inside("ip", "link", "set", peerSide, "down");
    }

    private void inside(String... command) throws Exception {
        run(command(command));
    }

    private void ip(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("ip"));
        all.addAll(List.of(args));
        run(all);
    }

    private static void run(List<String> command) throws Exception {
        Processes.Ended ended = Processes.run(new ProcessBuilder(command).redirectErrorStream(true), Duration.ofSeconds(20));
        if (ended.code() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + ended.out());
        }
    }

    @Override
    public void close() throws Exception {
        Processes.run(new ProcessBuilder("ip", "link", "del", hostSide).redirectErrorStream(true), Duration.ofSeconds(20));
        Processes.run(new ProcessBuilder("ip", "netns", "del", name).redirectErrorStream(true), Duration.ofSeconds(20));
    }
}
