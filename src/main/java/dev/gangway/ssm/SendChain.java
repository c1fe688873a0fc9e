package dev.gangway.ssm;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The sends on a data channel's WebSocket in order: the JDK's WebSocket takes one send at a time,
 * so each waits for the one before it (failed or not). Nobody waits for them, so that a channel gone
 * silent never holds up the thread that reads (and would notice the drop). A new channel starts
 * a chain of its own.
 */
final class SendChain {

    private volatile WebSocket socket;
    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

    /** The channel in use from now on. */
    synchronized void install(WebSocket ws) {
        socket = ws;
        last = CompletableFuture.completedFuture(null);
    }

    /** The channel in use, or null before the first. */
    WebSocket socket() {
        return socket;
    }

    /** Queues {@code send} on the channel in use, after what is queued; nothing when it cannot send. */
    synchronized CompletableFuture<?> then(Function<WebSocket, CompletableFuture<?>> send) {
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        last = last.handle((done, failed) -> null)
                .thenCompose(x -> ws.isOutputClosed() ? CompletableFuture.completedFuture(null) : send.apply(ws));
        return last;
    }
}
