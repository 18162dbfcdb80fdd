package io.odoopulse.demo.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/** Routes every request to its transport after applying armed faults. */
final class HttpFront implements HttpHandler {

    /** One response, before faults decide how (or whether) it reaches the wire. */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Response json(int status, String json) {
            return new Response(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Response text(int status, String contentType, String text) {
            return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        Response withHeader(String name, String value) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, contentType, body, h);
        }
    }

    /** The parts of a request transports look at. */
    record Request(String method, String path, String query, String contentType, Map<String, String> cookies,
            String authorization, String body, HttpExchange exchange) {}

    private final OdooService service;
    private final FaultInjector faults;
    private final JsonRpcTransport jsonRpc;
    private final XmlRpcTransport xmlRpc;
    private final WebTransport web;
    private final Json2Transport json2;

    HttpFront(OdooService service, FaultInjector faults) {
        this.service = service;
        this.faults = faults;
        this.jsonRpc = new JsonRpcTransport(service);
        this.xmlRpc = new XmlRpcTransport(service);
        this.web = new WebTransport(service, faults);
        this.json2 = new Json2Transport(service);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            // The fault is taken as the request arrives, not after the latency: a request still sleeping from an
            // earlier arming must not take a fault armed for the requests that come after it.
            FaultInjector.Fault fault = faults.poll();
            Duration delay = faults.latency();
            String body = readBody(ex.getRequestBody());
            if (!delay.isZero()) LockSupport.parkNanos(delay.toNanos());
            Request req = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("Content-Type"), cookies(ex), ex.getRequestHeaders().getFirst("Authorization"),
                    body, ex);
            Response resp;
            if (fault instanceof FaultInjector.Fault.Status s) {
                resp = Response.text(s.status(), "text/html", s.body());
            } else if (fault instanceof FaultInjector.Fault.RateLimited r) {
                resp = Response.text(429, "text/html", "<html><body><h1>429 Too Many Requests</h1></body></html>\n")
                        .withHeader("Retry-After", Long.toString(Math.max(0, (r.retryAfter().toMillis() + 999) / 1000)));
            } else if (fault instanceof FaultInjector.Fault.SessionExpired) {
                resp = Response.json(200, JsonRpcTransport.sessionExpired(service.flavour, idOf(body)));
            } else {
                resp = route(req);
            }
            if (fault instanceof FaultInjector.Fault.ResetMidBody) {
                sendPartial(ex, resp);
            } else if (fault instanceof FaultInjector.Fault.TruncatedJson) {
                byte[] cut = java.util.Arrays.copyOf(resp.body(), Math.max(1, resp.body().length / 2));
                send(ex, new Response(resp.status(), resp.contentType(), cut, resp.headers()));
            } else {
                send(ex, resp);
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            send(ex, Response.text(500, "text/plain", "Internal simulator error: " + e));
        }
    }

    private Response route(Request req) throws IOException {
        String p = req.path();
        if ("/jsonrpc".equals(p)) return jsonRpc.handle(req);
        if (p.startsWith("/xmlrpc/")) return xmlRpc.handle(req);
        if (p.startsWith("/web/")) return web.handle(req);
        if (p.startsWith("/json/2/") || "/json/2".equals(p)) return json2.handle(req);
        return notFound();
    }

    static Response notFound() {
        return Response.text(404, "text/html; charset=utf-8", "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n"
                + "<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually "
                + "please check your spelling and try again.</p>\n");
    }

    private static Object idOf(String body) {
        try {
            Object parsed = Json.parse(body);
            return parsed instanceof Map<?, ?> m ? m.get("id") : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String readBody(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> cookies(HttpExchange ex) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String h : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : h.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return out;
    }

    static void send(HttpExchange ex, Response r) throws IOException {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(r.status(), head ? -1 : (r.body().length == 0 ? -1 : r.body().length));
        if (!head && r.body().length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(r.body());
            }
        }
    }

    /** Headers promise the whole body; half of it is written, then the connection is dropped. */
    private static void sendPartial(HttpExchange ex, Response r) throws IOException {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        ex.sendResponseHeaders(r.status(), Math.max(2, r.body().length));
        OutputStream os = ex.getResponseBody();
        os.write(r.body(), 0, Math.max(1, r.body().length / 2));
        os.flush();
        // closing the exchange before the promised length is reached makes the JDK server drop the socket
        throw new IOException("simulated connection reset");
    }
}
