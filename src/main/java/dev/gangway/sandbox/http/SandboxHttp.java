package dev.gangway.sandbox.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The sandbox's one listener: HTTP and WebSockets on one port of 127.0.0.1 (Jetty 12's core
 * server, no servlets). Every request passes {@link LoopbackGuard} first; WebSocket upgrades go to
 * the endpoints registered with {@link #webSocket}; everything else is the EC2/Instance Connect API.
 */
public final class SandboxHttp implements AutoCloseable {

    /** Held so the JUL logger (weakly referenced) keeps its level: Jetty logs every start at INFO. */
    private static final Logger JETTY_LOG = Logger.getLogger("org.eclipse.jetty");

    static {
        JETTY_LOG.setLevel(Level.WARNING);
    }

    private final Server server;
    private final ServerConnector connector;
    private final ServerWebSocketContainer webSockets;

    /** The largest request body the API reads: 2 MiB. */
    static final long MAX_BODY = 2L << 20;

    private final SandboxApi api;

    public SandboxHttp(String host, int port, SandboxApi api) throws IOException {
        this.api = api;
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("sandbox-http");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server);
        // A body larger than any AWS request Gangway sends (EC2's own limit for a Query request is
        // far smaller) is refused with 413 before it is read into memory.
        SizeLimitHandler limit = new SizeLimitHandler(MAX_BODY, -1);
        limit.setHandler(new ApiHandler(api));
        upgrades.setHandler(limit);
        webSockets = upgrades.getServerWebSocketContainer();
        // Session Manager keeps an idle session for 20 minutes by default; Jetty's own default is 30 s.
        webSockets.setIdleTimeout(Duration.ofMinutes(20));
        server.setHandler(new LoopbackGuard(upgrades));
        try {
            server.start();
        } catch (IOException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IOException("cannot start the sandbox's endpoint on " + host + ":" + port, e);
        }
    }

    /**
     * Sends one request to itself (refused: no signature) so that Jetty's request path is loaded and
     * compiled on the thread starting the sandbox, not during the first listing, when the window's
     * start needs the cores: the listing was painted ~100 ms later than on the JDK's server without it.
     */
    public void warmUp() {
        try (Socket s = new Socket(connector.getHost(), port())) {
            s.setSoTimeout(5_000);
            String hostHeader = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
            s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: " + hostHeader + ":" + port()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.getInputStream().readAllBytes();
        } catch (IOException e) {
            Logger.getLogger(SandboxHttp.class.getName()).log(Level.FINE, "warming up the sandbox's endpoint", e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /**
     * Serves WebSocket upgrades to {@code path} (a path spec such as "/stream/*") with a new endpoint each.
     * Jetty finds its methods through a public lookup: the endpoint must be a public class (nested in public
     * ones).
     */
    public void webSocket(String path, Supplier<? extends Session.Listener> endpoint) {
        webSockets.addMapping(path, (request, response, callback) -> endpoint.get());
    }

    /** An upgrade looked at before it is answered: an endpoint for it, or a refusal. */
    @FunctionalInterface
    public interface Upgrade {
        /**
         * @throws Refused to answer with an HTTP error instead of switching protocols
         */
        Session.Listener open(String method, URI uri, Map<String, List<String>> headers) throws Refused;
    }

    /** Why an upgrade is refused: the HTTP status and the body's message. */
    public static final class Refused extends Exception {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Serves WebSocket upgrades to {@code path} that {@code upgrade} has admitted; the others get its HTTP error. */
    public void webSocket(String path, Upgrade upgrade) {
        webSockets.addMapping(path, (request, response, callback) -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
            }
            try {
                return upgrade.open(request.getMethod(), request.getHttpURI().toURI(), headers);
            } catch (Refused r) {
                byte[] body = ("{\"message\":\"" + r.getMessage().replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\"}").getBytes(StandardCharsets.UTF_8);
                response.setStatus(r.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(body), callback);
                return null;
            }
        });
    }

    @Override
    public void close() {
        api.release();
        try {
            server.stop();
        } catch (Exception e) {
            Logger.getLogger(SandboxHttp.class.getName()).log(Level.FINE, "stopping the sandbox's endpoint", e);
        }
    }

    /** The API: the request read whole, answered by {@link SandboxApi} (it may block: latency). */
    private static final class ApiHandler extends Handler.Abstract {
        private final SandboxApi api;

        ApiHandler(SandboxApi api) {
            this.api = api;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
            }
            URI uri = request.getHttpURI().toURI();
            Answer answer = api.answer(request.getMethod(), uri, headers, body);
            response.setStatus(answer.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            response.getHeaders().put("x-amzn-RequestId", answer.requestId());
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
            return true;
        }
    }
}
