package dev.gangway.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/** Counts what an SSH client does: sessions made (TCP connections), key exchanges ended, sessions closed. */
public final class SessionEvents implements SessionListener {
    public final AtomicInteger created = new AtomicInteger();
    public final AtomicInteger keysAgreed = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();

    @Override
    public void sessionCreated(Session session) {
        created.incrementAndGet();
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.KeyEstablished) {
            keysAgreed.incrementAndGet();
        }
    }

    @Override
    public void sessionClosed(Session session) {
        closed.incrementAndGet();
    }
}
