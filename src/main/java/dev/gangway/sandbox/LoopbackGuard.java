package dev.gangway.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * The sandbox's door: before any handler runs, refuses what can only come from a web page rather
 * than from the user's own tools (see the package's doc).
 * <ul>
 * <li>a {@code Host} that is not a loopback name with this listener's port: a page on a domain
 * that resolves to 127.0.0.1 (DNS rebinding) sends its own name;</li>
 * <li>any request with an {@code Origin} header, WebSocket upgrades included: only browsers send
 * it, and they open WebSockets across origins without asking the server first.</li>
 * </ul>
 */
final class LoopbackGuard extends Filter {

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String refusal = refusal(exchange.getRequestHeaders().getFirst("Host"),
                exchange.getRequestHeaders().getFirst("Origin"), exchange.getLocalAddress().getPort());
        if (refusal != null) {
            try (exchange) {
                byte[] body = (refusal + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.getResponseHeaders().set("Connection", "close");
                exchange.sendResponseHeaders(403, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            return;
        }
        chain.doFilter(exchange);
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

    @Override
    public String description() {
        return "refuses requests with a foreign Host or any Origin";
    }
}
