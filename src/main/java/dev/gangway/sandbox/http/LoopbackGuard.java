package dev.gangway.sandbox.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The sandbox's door: before any handler runs (HTTP or a WebSocket upgrade), refuses what can only
 * come from a web page rather than from the user's own tools (see the package's doc).
 * <ul>
 * <li>a {@code Host} that is not a loopback name with this listener's port: a page on a domain
 * that resolves to 127.0.0.1 (DNS rebinding) sends its own name;</li>
 * <li>any request with an {@code Origin} header, WebSocket upgrades included: only browsers send
 * it, and they open WebSockets across origins without asking the server first.</li>
 * </ul>
 */
public final class LoopbackGuard extends Handler.Wrapper {

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    LoopbackGuard(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String refusal = refusal(request.getHeaders().get(HttpHeader.HOST), request.getHeaders().get(HttpHeader.ORIGIN),
                Request.getLocalPort(request));
        if (refusal == null) {
            return super.handle(request, response, callback);
        }
        response.setStatus(403);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap((refusal + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** Why a request with these headers is refused on a listener at {@code port}, or null when it is not. */
    static String refusal(String host, String origin, int port) {
        if (origin != null) {
            return "Requests from web pages (with an Origin header) are refused: the sandbox serves only tools "
                    + "run by the user who started it.";
        }
        if (host == null || !isLoopbackName(host.trim().toLowerCase(Locale.ROOT), port)) {
            return "The Host header must be 127.0.0.1:" + port + ", localhost:" + port + " or [::1]:" + port
                    + ": the sandbox answers only on loopback.";
        }
        return null;
    }

    private static boolean isLoopbackName(String host, int port) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.endsWith("]")) {
            return port == 80 && LOOPBACK_NAMES.contains(host); // clients leave out the default port
        }
        return LOOPBACK_NAMES.contains(host.substring(0, colon)) && host.substring(colon + 1).equals(Integer.toString(port));
    }
}
