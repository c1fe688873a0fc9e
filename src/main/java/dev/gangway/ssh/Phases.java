package dev.gangway.ssh;

/**
 * When one connection reached each step (System.nanoTime), for `gangway --verbose ssh` and the
 * benchmarks: asked for, TCP up, keys agreed (the key exchange and the host-key check), logged in.
 * A step not reached is 0.
 */
final class Phases {
    final long started;
    volatile long tcpUp;
    volatile long keysAgreed;
    volatile long loggedIn;

    Phases(long started) {
        this.started = started;
    }

    /** "in 152 ms (TCP 2, key exchange and host key 80, login 70 ms)", or "" when a step is missing. */
    String summary() {
        if (tcpUp == 0 || keysAgreed == 0 || loggedIn == 0) {
            return "";
        }
        return "in " + ms(started, loggedIn) + " ms (TCP " + ms(started, tcpUp) + ", key exchange and host key "
                + ms(tcpUp, keysAgreed) + ", login " + ms(keysAgreed, loggedIn) + " ms)";
    }

    private static long ms(long from, long to) {
        return Math.round((to - from) / 1e6);
    }
}
