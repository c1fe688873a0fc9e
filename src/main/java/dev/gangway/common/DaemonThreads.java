package dev.gangway.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for background work that must not keep the process alive, named {@code prefix1},
 * {@code prefix2}, ... Pools of them stand in for the common fork-join pool, which has one worker
 * on 2 cores and must not wait on AWS (issue 25's `gangway --verbose list` hang).
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
