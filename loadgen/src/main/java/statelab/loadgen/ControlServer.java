package statelab.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The control endpoint, on the JDK's HTTP server. All answers are JSON:
 * <ul>
 *   <li>{@code GET /status}: clients, lines and words sent, line index reached, stream done, lag p50/p99/max
 *       in ms, the current rate;</li>
 *   <li>{@code GET /ledger}: the ledger ({@code ?counts=false} leaves out the per-word maps);</li>
 *   <li>{@code POST /rate?linesPerSec=N}: changes the rate of the random workload live.</li>
 * </ul>
 * Other paths get 404, other methods 405, bad numbers 400, a rate change for a script 409, each with
 * {@code {"error": "..."}}.
 */
final class ControlServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadGenerator generator;
    private final HttpServer server;
    private final ExecutorService executor;

    ControlServer(LoadGenerator generator, InetSocketAddress address) throws IOException {
        this.generator = generator;
        this.server = HttpServer.create(address, 50);
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "loadgen-control");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/status" -> {
                    if (requireMethod(exchange, method, "GET")) {
                        sendJson(exchange, 200, generator.status());
                    }
                }
                case "/ledger" -> {
                    if (requireMethod(exchange, method, "GET")) {
                        sendLedger(exchange, !"false".equals(query.get("counts")));
                    }
                }
                case "/rate" -> {
                    if (requireMethod(exchange, method, "POST")) {
                        changeRate(exchange, query.get("linesPerSec"));
                    }
                }
                default -> sendError(exchange, 404,
                        "no such endpoint " + path + " (try GET /status, GET /ledger, POST /rate?linesPerSec=N)");
            }
        } catch (RuntimeException e) {
            // A bug must not take the endpoint down: answer 500 if the answer has not started yet.
            try {
                sendError(exchange, 500, "internal error: " + e);
            } catch (IOException | RuntimeException ignored) {
                // the connection is gone or the headers were already sent
            }
        }
    }

    private void changeRate(HttpExchange exchange, String value) throws IOException {
        if (value == null) {
            sendError(exchange, 400, "missing query parameter linesPerSec, e.g. POST /rate?linesPerSec=1000");
            return;
        }
        double rate;
        try {
            rate = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            sendError(exchange, 400, "linesPerSec '" + value + "' is not a number");
            return;
        }
        try {
            generator.setRateLinesPerSec(rate);
        } catch (IllegalArgumentException e) {
            sendError(exchange, 400, e.getMessage());
            return;
        } catch (IllegalStateException e) {
            sendError(exchange, 409, e.getMessage());
            return;
        }
        sendJson(exchange, 200, Map.of("rateLinesPerSec", rate));
    }

    private void sendLedger(HttpExchange exchange, boolean withCounts) throws IOException {
        LedgerSnapshot ledger = generator.ledger(withCounts);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, 0); // streamed: the ledger can be large
        try (OutputStream body = exchange.getResponseBody()) {
            ledger.writeJson(body, withCounts);
        }
    }

    private static boolean requireMethod(HttpExchange exchange, String method, String allowed) throws IOException {
        if (allowed.equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", allowed);
        sendError(exchange, 405, "method " + method + " not allowed on " + exchange.getRequestURI().getPath()
                + " (use " + allowed + ")");
        return false;
    }

    private static void sendError(HttpExchange exchange, int code, String message) throws IOException {
        sendJson(exchange, code, Map.of("error", message));
    }

    private static void sendJson(HttpExchange exchange, int code, Object value) throws IOException {
        byte[] body = JSON.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                query.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                query.put(name, value); // a malformed %-escape: keep it raw, the value check reports it
            }
        }
        return query;
    }
}
